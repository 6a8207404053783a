/* fuzz-provider.c: libFuzzer target for recovery profiles and drafting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rv-request-draft.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Whatever a profile holds, a draft from it is either refused with an error
 * or produced and passes the leak check. */
static void
draft_everything (RvProvider *provider)
{
  g_autoptr(RvRequestAnswers) answers = rv_request_answers_new ();
  g_autoptr(GStrvBuilder) evidence = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) acks = g_strv_builder_new ();
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  items = rv_provider_get_evidence (provider);
  for (guint i = 0; i < items->len; i++)
    g_strv_builder_add (evidence, ((RvProviderEvidence *) g_ptr_array_index (items, i))->id);
  items = rv_provider_get_acknowledgements (provider);
  for (guint i = 0; i < items->len; i++)
    g_strv_builder_add (acks, ((RvProviderAck *) g_ptr_array_index (items, i))->id);
  g_strfreev (answers->evidence);
  answers->evidence = g_strv_builder_end (evidence);
  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_strv_builder_end (acks);
  answers->username = g_strdup ("someone");
  answers->happened = RV_HAPPENED_LOST_DEVICE | RV_HAPPENED_CODES_LOST | RV_HAPPENED_COMPROMISE;
  answers->details = g_strdup ("Lost on 2026-11-02.");

  draft = rv_request_draft_new (provider, answers, NULL, NULL, NULL, &error);
  g_assert ((draft == NULL) == (error != NULL));
  if (draft != NULL)
    {
      g_autofree char *uri = rv_request_draft_dup_open_uri (draft, provider);
      g_autofree char *steps = rv_provider_dup_next_steps_text (provider);

      g_assert (g_str_has_prefix (draft->text, "Title: ") || g_str_has_prefix (draft->text,
                                                                               "Subject: "));
      g_assert (steps != NULL);
      g_assert (uri == NULL || *uri != '\0');
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(RvProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  const char *example;

  if (!g_utf8_validate ((const char *) data, size, NULL))
    return 0;
  provider = rv_provider_new_from_data ((const char *) data, size, "fuzz", &error);
  g_assert ((provider == NULL) == (error != NULL));
  if (provider == NULL)
    return 0;

  example = rv_provider_get_code_example (provider);
  if (example != NULL)
    g_assert (rv_provider_check_recovery_code (provider, example, NULL));
  rv_provider_check_recovery_code (provider, "  0123 4567-89ab cdef  ", NULL);
  rv_provider_matches (provider, "Issuer", "https://sub.example.org/path");
  draft_everything (provider);
  return 0;
}
