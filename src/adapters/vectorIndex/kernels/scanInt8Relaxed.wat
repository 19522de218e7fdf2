;; The relaxed int8 scan kernel that scanKernel.ts assembles byte by byte (relaxedInt8KernelBytes): the
;; first stage of the exact index's two-stage scan where relaxed SIMD is available (scanInt8.wat where it is
;; not). Checked by kernels.test.ts: describeModule(relaxedInt8KernelBytes()) prints exactly this text
;; without the ;; comments. Rows are int8 in [-127, 127], `stride` bytes apart (a multiple of 64,
;; zero-padded); the query is one byte per element in [0, 127] (q7 + 64, see scanKernel.ts: the second
;; operand of relaxed_dot is exact only with its top bit clear). One exact i32 score per row (before the
;; 64 * row sum that bounds subtracts). Then bounds and collect, as in scanInt8.wat.
(module
  (type (;0;) (func (param i32 i32 i32) (result i32)))         ;; dot7(p, q, bytes) -> i32
  (type (;1;) (func (param i32 i32 i32 i32 i32)))              ;; scanAll(data, query, out, n, stride)
  (type (;2;) (func (param i32 i32 i32 i32 i32 i32)))          ;; scanSlots(data, query, out, slots, count, stride)
  (type (;3;) (func (param i32 i32 i32 i32 i32 i32 i32 f64 f64 f64 f64 f64) (result f64)))
                                                               ;; bounds(dots, slots, count, meta, upper, heap, k, sq, qn, rq, slack, corr) -> L
  (type (;4;) (func (param i32 i32 f64 i32) (result i32)))     ;; collect(upper, count, L, out) -> n
  (import "env" "memory" (memory 1))                           ;; the caller's memory, at least 1 page
  ;; (int8KernelBytes(true) / relaxedInt8KernelBytes(true): the same module with `(memory 1 65536 shared)`
  ;; here, a shared memory that the index's thread and a helper thread both scan, see scanThreads.ts)
  ;; dot7: the dot product of the int8 row at p (`bytes` long, a multiple of 64) and the query bytes at q.
  ;; Locals: 0 p, 1 q, 2 bytes, 3 end, 4..7 four i32x4 accumulators. Each step: 16 row bytes (signed) times
  ;; 16 query bytes (in [0, 127]), groups of four products added into i32x4 with the accumulator
  ;; (relaxed_dot_i8x16_i7x16_add_s); 64 bytes per loop.
  (func (;0;) (type 0) (param i32 i32 i32) (result i32)
    (local i32 v128 v128 v128 v128)
    local.get 0                ;; end = p + bytes
    local.get 2
    i32.add
    local.set 3
    loop                       ;; do {
      local.get 0                ;;   acc0 = relaxed_dot_add(load(p + 0), load(q + 0), acc0)
      v128.load
      local.get 1
      v128.load
      local.get 4
      i32x4.relaxed_dot_i8x16_i7x16_add_s
      local.set 4
      local.get 0                ;;   acc1 = relaxed_dot_add(load(p + 16), load(q + 16), acc1)
      v128.load offset=16
      local.get 1
      v128.load offset=16
      local.get 5
      i32x4.relaxed_dot_i8x16_i7x16_add_s
      local.set 5
      local.get 0                ;;   acc2 = relaxed_dot_add(load(p + 32), load(q + 32), acc2)
      v128.load offset=32
      local.get 1
      v128.load offset=32
      local.get 6
      i32x4.relaxed_dot_i8x16_i7x16_add_s
      local.set 6
      local.get 0                ;;   acc3 = relaxed_dot_add(load(p + 48), load(q + 48), acc3)
      v128.load offset=48
      local.get 1
      v128.load offset=48
      local.get 7
      i32x4.relaxed_dot_i8x16_i7x16_add_s
      local.set 7
      local.get 1              ;;   q += 64
      i32.const 64
      i32.add
      local.set 1
      local.get 0              ;;   p += 64
      i32.const 64
      i32.add
      local.tee 0
      local.get 3              ;; } while (p < end)
      i32.lt_u
      br_if 0
    end
    local.get 4                ;; acc0 = (acc0 + acc1) + (acc2 + acc3)
    local.get 5
    i32x4.add
    local.get 6
    local.get 7
    i32x4.add
    i32x4.add
    local.set 4
    local.get 4                ;; (lane0 + lane1) + (lane2 + lane3)
    i32x4.extract_lane 0
    local.get 4
    i32x4.extract_lane 1
    i32.add
    local.get 4
    i32x4.extract_lane 2
    local.get 4
    i32x4.extract_lane 3
    i32.add
    i32.add
  )
  ;; scanAll: out[r] = dot7(data + r * stride, query, stride) for r < n. Locals: 0 data, 1 query, 2 out, 3 n, 4 stride.
  (func (;1;) (type 1) (param i32 i32 i32 i32 i32)
    block
      local.get 3              ;; nothing to do when n == 0
      i32.eqz
      br_if 0
      loop                     ;; do {
        local.get 2            ;;   *out = dot7(data, query, stride)
        local.get 0
        local.get 1
        local.get 4
        call 0
        i32.store
        local.get 0            ;;   data += stride
        local.get 4
        i32.add
        local.set 0
        local.get 2            ;;   out += 4
        i32.const 4
        i32.add
        local.set 2
        local.get 3            ;; } while (--n)
        i32.const 1
        i32.sub
        local.tee 3
        br_if 0
      end
    end
  )
  ;; scanSlots: out[i] = dot7(data + slots[i] * stride, query, stride) for i < count.
  ;; Locals: 0 data, 1 query, 2 out, 3 slots (i32 array), 4 count, 5 stride.
  (func (;2;) (type 2) (param i32 i32 i32 i32 i32 i32)
    block
      local.get 4              ;; nothing to do when count == 0
      i32.eqz
      br_if 0
      loop                     ;; do {
        local.get 2            ;;   *out = dot7(data + *slots * stride, query, stride)
        local.get 3
        i32.load
        local.get 5
        i32.mul
        local.get 0
        i32.add
        local.get 1
        local.get 5
        call 0
        i32.store
        local.get 3            ;;   slots += 4
        i32.const 4
        i32.add
        local.set 3
        local.get 2            ;;   out += 4
        i32.const 4
        i32.add
        local.set 2
        local.get 4            ;; } while (--count)
        i32.const 1
        i32.sub
        local.tee 4
        br_if 0
      end
    end
  )
  ;; bounds(dots, slots, count, meta, upper, heap, k, sq, qn, rq, slack, corr) -> L, the k-th largest lower
  ;; bound (see scanKernel.ts). Locals: 0 dots (i32 per row), 1 slots (0: none), 2 count, 3 meta (four f32
  ;; per slot: scale, residual norm, norm, byte sum), 4 upper (f64 per row, written), 5 heap (k f64, a
  ;; min-heap, filled with -inf by the caller), 6 k, 7 sq, 8 qn, 9 rq, 10 slack, 11 corr; 12 i, 13 m, 14 p,
  ;; 15 c, 16 l; 17 a, 18 e, 19 lo, 20 min (the heap's root).
  (func (;3;) (type 3) (param i32 i32 i32 i32 i32 i32 i32 f64 f64 f64 f64 f64) (result f64)
    (local i32 i32 i32 i32 i32 f64 f64 f64 f64)
    local.get 5                ;; min = heap[0]
    f64.load
    local.set 20
    block
      local.get 2              ;; nothing to do when count == 0
      i32.eqz
      br_if 0
      loop                     ;; do {
        local.get 3            ;;   m = meta + ((slots ? slots[i] : i) << 4)
        local.get 1
        if (result i32)
          local.get 1
          local.get 12
          i32.const 2
          i32.shl
          i32.add
          i32.load
        else
          local.get 12
        end
        i32.const 4
        i32.shl
        i32.add
        local.set 13
        local.get 7            ;;   a = sq * scale * (f64(dots[i]) - corr * sum), the f32s widened to f64
        local.get 13
        f32.load
        f64.promote_f32
        f64.mul
        local.get 0
        local.get 12
        i32.const 2
        i32.shl
        i32.add
        i32.load
        f64.convert_i32_s
        local.get 11
        local.get 13
        f32.load offset=12
        f64.promote_f32
        f64.mul
        f64.sub
        f64.mul
        local.set 17
        local.get 8            ;;   e = qn * residual + rq * norm + slack
        local.get 13
        f32.load offset=4
        f64.promote_f32
        f64.mul
        local.get 9
        local.get 13
        f32.load offset=8
        f64.promote_f32
        f64.mul
        f64.add
        local.get 10
        f64.add
        local.set 18
        local.get 4            ;;   upper[i] = a + e
        local.get 12
        i32.const 3
        i32.shl
        i32.add
        local.get 17
        local.get 18
        f64.add
        f64.store
        local.get 17           ;;   lo = a - e; if (lo > min) {
        local.get 18
        f64.sub
        local.tee 19
        local.get 20
        f64.gt
        if
          i32.const 0          ;;     p = 0: lo replaces the root, sifted down
          local.set 14
          block
            loop
              local.get 14     ;;     l = 2p + 1; stop when l >= k
              i32.const 1
              i32.shl
              i32.const 1
              i32.add
              local.tee 16
              local.get 6
              i32.ge_s
              br_if 1
              local.get 16     ;;     c = l, or l + 1 when l + 1 < k and heap[l + 1] < heap[l]
              local.set 15
              local.get 16
              i32.const 1
              i32.add
              local.get 6
              i32.lt_s
              if
                local.get 5
                local.get 16
                i32.const 3
                i32.shl
                i32.add
                f64.load offset=8
                local.get 5
                local.get 16
                i32.const 3
                i32.shl
                i32.add
                f64.load
                f64.lt
                if
                  local.get 16
                  i32.const 1
                  i32.add
                  local.set 15
                end
              end
              local.get 5      ;;     stop when heap[c] >= lo
              local.get 15
              i32.const 3
              i32.shl
              i32.add
              f64.load
              local.get 19
              f64.ge
              br_if 1
              local.get 5      ;;     heap[p] = heap[c]; p = c
              local.get 14
              i32.const 3
              i32.shl
              i32.add
              local.get 5
              local.get 15
              i32.const 3
              i32.shl
              i32.add
              f64.load
              f64.store
              local.get 15
              local.set 14
              br 0
            end
          end
          local.get 5          ;;     heap[p] = lo; min = heap[0]
          local.get 14
          i32.const 3
          i32.shl
          i32.add
          local.get 19
          f64.store
          local.get 5
          f64.load
          local.set 20
        end                    ;;   }
        local.get 12           ;; } while (++i < count)
        i32.const 1
        i32.add
        local.tee 12
        local.get 2
        i32.lt_u
        br_if 0
      end
    end
    local.get 20               ;; L = min
  )
  ;; collect(upper, count, L, out) -> n: out[0..n) = every i with upper[i] >= L, in order.
  ;; Locals: 0 upper, 1 count, 2 L, 3 out; 4 i, 5 n.
  (func (;4;) (type 4) (param i32 i32 f64 i32) (result i32)
    (local i32 i32)
    block
      local.get 1              ;; nothing to do when count == 0
      i32.eqz
      br_if 0
      loop                     ;; do {
        local.get 0            ;;   if (upper[i] >= L) out[n++] = i
        local.get 4
        i32.const 3
        i32.shl
        i32.add
        f64.load
        local.get 2
        f64.ge
        if
          local.get 3
          local.get 5
          i32.const 2
          i32.shl
          i32.add
          local.get 4
          i32.store
          local.get 5
          i32.const 1
          i32.add
          local.set 5
        end
        local.get 4            ;; } while (++i < count)
        i32.const 1
        i32.add
        local.tee 4
        local.get 1
        i32.lt_u
        br_if 0
      end
    end
    local.get 5
  )
  (export "scanAll" (func 1))
  (export "scanSlots" (func 2))
  (export "bounds" (func 3))
  (export "collect" (func 4))
)
