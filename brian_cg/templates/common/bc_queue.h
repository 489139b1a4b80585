// The spike queue of a synaptic pathway: n_slots growable slots of synapse indices, one per
// delay step, the slot `offset` due now. Filled by the pathway's operation (synapses
// template); Python reads it back between runs through the program's queue functions.
#ifndef BRIAN_CG_QUEUE_H
#define BRIAN_CG_QUEUE_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct BcQueue { int64_t n_slots; int64_t offset; int32_t** data; int64_t* size; int64_t* cap; };

static inline void bc_queue_reserve(BcQueue* q, int64_t slot, int64_t n) {
    if (q->size[slot] + n > q->cap[slot]) {
        int64_t cap = q->cap[slot] ? 2 * q->cap[slot] : 256;
        while (cap < q->size[slot] + n) cap *= 2;
        q->data[slot] = (int32_t*)realloc(q->data[slot], cap * sizeof(int32_t));
        q->cap[slot] = cap;
    }
}
static inline void bc_queue_add(BcQueue* q, int64_t slot, int32_t syn) {
    if (q->size[slot] == q->cap[slot]) bc_queue_reserve(q, slot, 1);
    q->data[slot][q->size[slot]++] = syn;
}
static inline void bc_queue_extend(BcQueue* q, int64_t slot, const int32_t* syn, int64_t n) {
    bc_queue_reserve(q, slot, n);
    memcpy(q->data[slot] + q->size[slot], syn, n * sizeof(int32_t));
    q->size[slot] += n;
}
static inline BcQueue* bc_queue_create(int64_t n_slots, int64_t offset) {
    BcQueue* q = (BcQueue*)calloc(1, sizeof(BcQueue));
    q->n_slots = n_slots; q->offset = offset;
    q->data = (int32_t**)calloc(n_slots, sizeof(int32_t*));
    q->size = (int64_t*)calloc(n_slots, sizeof(int64_t));
    q->cap = (int64_t*)calloc(n_slots, sizeof(int64_t));
    return q;
}
static inline void bc_queue_destroy(BcQueue* q) {
    for (int64_t k = 0; k < q->n_slots; k++) free(q->data[k]);
    free(q->data); free(q->size); free(q->cap); free(q);
}
#endif
