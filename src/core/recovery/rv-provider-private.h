/* rv-provider-private.h: what a recovery profile holds, for the files of
 * rv-provider (parsing, matching, recovery codes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-provider.h"

G_BEGIN_DECLS

struct _RvProvider
{
  GObject          parent_instance;

  char            *origin;
  char            *id;
  char            *name;
  guint            version;
  char            *checked;
  GStrv            sources;
  gboolean         generic;
  GStrv            issuers;
  GStrv            domains;

  RvChannelKind    channel_kind;
  char            *channel_url;
  char            *channel_address;
  char            *official_address;
  char            *channel_summary;
  gboolean         channel_public;

  GStrv            eligibility;
  GPtrArray       *self_service;

  guint            code_count;
  char            *code_format;
  char            *code_format_description;
  char            *code_example;
  char            *code_instructions;
  GStrv            code_normalize;
  gboolean         codes_single_use;
  GRegex          *code_regex;
  GRegex          *code_shape;
  GStrv            token_prefixes;

  RvRequestStyle   request_style;
  char            *request_title;
  GPtrArray       *fields;
  GPtrArray       *acknowledgements;
  GPtrArray       *evidence;

  char            *timing;
  GStrv            next_steps;
  GStrv            after_recovery;
  GStrv            warnings;
};

G_END_DECLS
