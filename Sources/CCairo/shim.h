#ifndef GLARE_CCAIRO_SHIM_H
#define GLARE_CCAIRO_SHIM_H
/// Cairo: one drawing code for the figures, with SVG, PDF and PNG surfaces.
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#endif
