#ifndef GLARE_CLIBDEFLATE_SHIM_H
#define GLARE_CLIBDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
