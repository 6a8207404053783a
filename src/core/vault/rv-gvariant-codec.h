/* rv-gvariant-codec.h: writing and reading GVariant's serialized form in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generic half of the vault payload: dictionaries (a{sv}), arrays and
 * scalar values, written into (or measured for) one buffer, and read with
 * every offset checked. rv-vault-payload.c holds the field schema. Why
 * hand-rolled instead of GVariant trees: see rv-vault-payload.c.
 */
#pragma once

#include <glib.h>

#include "rv-secret.h"

G_BEGIN_DECLS

typedef struct
{
  guint8  *data;    /* NULL while only measuring */
  gsize    pos;
  GArray  *ends;    /* pending framing offsets (gsize), a stack */
} RvGvWriter;

typedef struct
{
  gsize start;
  guint first_end;
} RvGvContainer;

typedef struct
{
  const guint8 *data;
  gsize         size;
} RvGvSlice;

typedef struct
{
  RvGvSlice  array;
  guint      offset_size;
  gsize      offsets_start;
  gsize      n;
  gsize      i;
  gsize      prev_end;
  gsize      alignment;
} RvGvArrayIter;

/* Where the parser is, for messages ("account 3, recovery code 2"); named
 * only when an error needs it. */
typedef struct _RvGvContext RvGvContext;

typedef struct
{
  const char *key;
  RvGvSlice   value;
  const char *type;      /* not NUL-terminated: type_len bytes */
  gsize       type_len;
} RvGvEntry;

struct _RvGvContext
{
  const RvGvContext  *parent;
  const char         *noun;      /* untranslated (N_()): translated when described */
  guint               index;     /* 0: not numbered */
  GError            **error;
};

typedef gboolean (*RvGvEntryFunc) (RvGvContext     *ctx,
                                   const RvGvEntry *entry,
                                   gpointer         user_data);

typedef gboolean (*RvGvRecordFunc) (RvGvContext *ctx,
                                    RvGvSlice    record,
                                    gpointer     user_data);

RvGvContainer
rv_gv_array_begin (RvGvWriter *w,
                   gsize       alignment);

void
rv_gv_array_element_end (RvGvWriter    *w,
                         RvGvContainer *c);

void
rv_gv_array_end (RvGvWriter    *w,
                 RvGvContainer *c);

RvGvContainer
rv_gv_entry_begin (RvGvWriter *w,
                   const char *key);

void
rv_gv_entry_end (RvGvWriter    *w,
                 RvGvContainer *dict,
                 RvGvContainer *entry,
                 const char    *type);

void
rv_gv_write_string (RvGvWriter    *w,
                    RvGvContainer *dict,
                    const char    *key,
                    const char    *value);

void
rv_gv_write_number (RvGvWriter    *w,
                    RvGvContainer *dict,
                    const char    *key,
                    const char    *type,
                    guint64        value,
                    guint          size);

void
rv_gv_write_time (RvGvWriter    *w,
                  RvGvContainer *dict,
                  const char    *key,
                  gint64         value);

void
rv_gv_write_uint32 (RvGvWriter    *w,
                    RvGvContainer *dict,
                    const char    *key,
                    guint          value);

void
rv_gv_write_secret (RvGvWriter     *w,
                    RvGvContainer  *dict,
                    const char     *key,
                    const RvSecret *secret);

/* Not secret bytes (a sealed recovery code), as "ay". */
void
rv_gv_write_bytes (RvGvWriter    *w,
                   RvGvContainer *dict,
                   const char    *key,
                   GBytes        *bytes);

void
rv_gv_write_strv (RvGvWriter         *w,
                  RvGvContainer      *dict,
                  const char         *key,
                  const char * const *strv);

void
rv_gv_write_stamp (RvGvWriter    *w,
                   RvGvContainer *dict,
                   const char    *key,
                   gint64         ms,
                   const char    *device);

gboolean
rv_gv_type_is (const RvGvEntry *entry,
               const char      *expected);

gboolean
rv_gv_invalid (RvGvContext *ctx,
               const char  *detail);

gboolean
rv_gv_wrong_type (RvGvContext     *ctx,
                  const RvGvEntry *entry);

gboolean
rv_gv_for_each_entry (RvGvContext   *ctx,
                      RvGvSlice      dict,
                      RvGvEntryFunc  func,
                      gpointer       user_data);

gboolean
rv_gv_for_each_record (RvGvContext     *parent,
                       const RvGvEntry *entry,
                       const char      *noun,
                       RvGvRecordFunc   func,
                       gpointer         user_data);

gboolean
rv_gv_get_string (RvGvContext      *ctx,
                  const RvGvEntry  *entry,
                  const char      **out);

gboolean
rv_gv_get_fixed (RvGvContext     *ctx,
                 const RvGvEntry *entry,
                 const char      *type,
                 gsize            size,
                 guint64         *out);

gboolean
rv_gv_get_time (RvGvContext     *ctx,
                const RvGvEntry *entry,
                gint64          *out);

gboolean
rv_gv_get_uint32 (RvGvContext     *ctx,
                  const RvGvEntry *entry,
                  guint           *out);

RvSecret *
rv_gv_get_secret (RvGvContext     *ctx,
                  const RvGvEntry *entry);

/* Returns: (transfer full) (nullable): a copy of an "ay" value. */
GBytes *
rv_gv_get_bytes (RvGvContext     *ctx,
                 const RvGvEntry *entry);

gboolean
rv_gv_get_strv (RvGvContext     *ctx,
                const RvGvEntry *entry,
                GPtrArray       *out);

gboolean
rv_gv_get_stamp (RvGvContext      *ctx,
                 const RvGvEntry  *entry,
                 gint64           *ms,
                 const char      **device);

G_END_DECLS
