#ifndef PMO_CJEMALLOC_SHIM_H
#define PMO_CJEMALLOC_SHIM_H

// jemalloc (Debian: libjemalloc-dev to build, libjemalloc2 to run). Linked into every service on
// Linux, it serves malloc and free for the whole process in place of glibc's allocator; the
// runtime reads its counters through mallctl (ServiceRuntime's MemoryAllocator).
#include <jemalloc/jemalloc.h>

#endif
