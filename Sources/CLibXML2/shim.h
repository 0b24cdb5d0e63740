#ifndef GLARE_CLIBXML2_SHIM_H
#define GLARE_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU; its unicode headers clash with Foundation's copy.
// Glare never needs libxml2's ICU-specific API, so hide it before the headers are read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses as shared mutable state.
static inline void glare_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
