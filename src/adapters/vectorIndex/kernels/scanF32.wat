;; The f32 scan kernel that scanKernel.ts assembles byte by byte (scanKernelBytes). Checked by
;; kernels.test.ts: describeModule(scanKernelBytes()) prints exactly this text without the ;; comments.
;; Rows are `stride` bytes apart (a multiple of 64: 16 floats, zero-padded); one f32 score per row.
(module
  (type (;0;) (func (param i32 i32 i32) (result f32)))         ;; dot(p, q, bytes) -> f32
  (type (;1;) (func (param i32 i32 i32 i32 i32)))              ;; scanAll(data, query, out, n, stride)
  (type (;2;) (func (param i32 i32 i32 i32 i32 i32)))          ;; scanSlots(data, query, out, slots, count, stride)
  (import "env" "memory" (memory 1))                           ;; the caller's memory, at least 1 page
  ;; dot: the dot product of the row at p and the query at q, `bytes` long (a multiple of 64).
  ;; Locals: 0 p, 1 q, 2 bytes, 3 end, 4..7 four f32x4 accumulators (16 floats a step).
  (func (;0;) (type 0) (param i32 i32 i32) (result f32)
    (local i32 v128 v128 v128 v128)
    local.get 0                ;; end = p + bytes
    local.get 2
    i32.add
    local.set 3
    loop                       ;; do {
      local.get 4              ;;   acc0 += load(p) * load(q)
      local.get 0
      v128.load
      local.get 1
      v128.load
      f32x4.mul
      f32x4.add
      local.set 4
      local.get 5              ;;   acc1 += load(p + 16) * load(q + 16)
      local.get 0
      v128.load offset=16
      local.get 1
      v128.load offset=16
      f32x4.mul
      f32x4.add
      local.set 5
      local.get 6              ;;   acc2 += load(p + 32) * load(q + 32)
      local.get 0
      v128.load offset=32
      local.get 1
      v128.load offset=32
      f32x4.mul
      f32x4.add
      local.set 6
      local.get 7              ;;   acc3 += load(p + 48) * load(q + 48)
      local.get 0
      v128.load offset=48
      local.get 1
      v128.load offset=48
      f32x4.mul
      f32x4.add
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
    f32x4.add
    local.get 6
    local.get 7
    f32x4.add
    f32x4.add
    local.set 4
    local.get 4                ;; (lane0 + lane1) + (lane2 + lane3)
    f32x4.extract_lane 0
    local.get 4
    f32x4.extract_lane 1
    f32.add
    local.get 4
    f32x4.extract_lane 2
    local.get 4
    f32x4.extract_lane 3
    f32.add
    f32.add
  )
  ;; scanAll: out[r] = dot(data + r * stride, query, stride) for r < n. Locals: 0 data, 1 query, 2 out, 3 n, 4 stride.
  (func (;1;) (type 1) (param i32 i32 i32 i32 i32)
    block
      local.get 3              ;; nothing to do when n == 0
      i32.eqz
      br_if 0
      loop                     ;; do {
        local.get 2            ;;   *out = dot(data, query, stride)
        local.get 0
        local.get 1
        local.get 4
        call 0
        f32.store
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
  ;; scanSlots: out[i] = dot(data + slots[i] * stride, query, stride) for i < count.
  ;; Locals: 0 data, 1 query, 2 out, 3 slots (i32 array), 4 count, 5 stride.
  (func (;2;) (type 2) (param i32 i32 i32 i32 i32 i32)
    block
      local.get 4              ;; nothing to do when count == 0
      i32.eqz
      br_if 0
      loop                     ;; do {
        local.get 2            ;;   *out = dot(data + *slots * stride, query, stride)
        local.get 3
        i32.load
        local.get 5
        i32.mul
        local.get 0
        i32.add
        local.get 1
        local.get 5
        call 0
        f32.store
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
  (export "scanAll" (func 1))
  (export "scanSlots" (func 2))
)
