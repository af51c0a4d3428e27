/* preds.h — the two sorts behind ms_heap_reverse_numbered (preds.c), which
 * picks one by the heap's size; declared apart for the unit test that
 * checks both. Same contract as ms_heap_reverse_numbered. */
#ifndef MEMSCOPE_PREDS_H
#define MEMSCOPE_PREDS_H

#include "memscope/heap.h"

#include <stdbool.h>
#include <stdint.h>

void ms_reverse_numbered_direct(const ms_heap *h, const uint32_t *num, uint32_t count,
                                bool weak, const uint32_t *indeg, uint32_t **off,
                                uint32_t **from);
void ms_reverse_numbered_radix(const ms_heap *h, const uint32_t *num, uint32_t count,
                               bool weak, const uint32_t *indeg, uint32_t **off,
                               uint32_t **from);

#endif
