// Growable output buffers of compiled monitors: bc_push appends one value to buffer b of
// the simulation; Python copies and empties the buffers between calls of the loop.
// Needs BcSim and BcBuf (the program's frame structs) to be declared first.
#ifndef BRIAN_CG_BUFFERS_H
#define BRIAN_CG_BUFFERS_H
#include <stdint.h>
#include <stdlib.h>

static inline void bc_push(BcSim* s, int64_t b, double x) {
    BcBuf* B = &s->bufs[b];
    if (B->n == B->cap) {
        int64_t cap = B->cap ? 2 * B->cap : 4096;
        B->data = (double*)realloc(B->data, cap * sizeof(double));
        B->cap = cap;
    }
    B->data[B->n++] = x;
}

static inline void bc_buffer_free(BcBuf* b) {
    free(b->data);
    b->data = 0; b->n = 0; b->cap = 0;
}
#endif
