;; The table walk: flat and cum of two sample types per key, over every
;; frame of every sample (aggregate.ts says what the keys are). It runs over
;; the sample columns where samples.wat left them, in the same memory, so
;; the biggest column is never copied. In JavaScript this walk ran cold and
;; took 3.6× as long on the medium bench profile (every sample non-zero:
;; 124 against 34 ms; measured with the columns copied in).
;;
;; sampleWalk.ts places the inputs: the columns (by their views' offsets) and,
;; in scratch space reserved when the columns were finished, a table's frame
;; keys and the outputs. Values are added in sample order, as the JavaScript
;; walk did, so sums are bit-for-bit the same.
(module
  (import "env" "mem" (memory 1 65536))

  (global $sumA (export "sumA") (mut f64) (f64.const 0))
  (global $sumB (export "sumB") (mut f64) (f64.const 0))

  ;; cum[k] += v for key k once per sample ($stamp[k] remembers the last sample that added).
  (func $cum (param $k i32) (param $s i32) (param $stamp i32) (param $cumA i32) (param $cumB i32) (param $va f64) (param $vb f64)
    (local $at i32)
    (local.set $at (i32.add (local.get $stamp) (i32.shl (local.get $k) (i32.const 2))))
    (if (i32.ne (i32.load (local.get $at)) (local.get $s))
      (then
        (i32.store (local.get $at) (local.get $s))
        (local.set $at (i32.add (local.get $cumA) (i32.shl (local.get $k) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $va)))
        (local.set $at (i32.add (local.get $cumB) (i32.shl (local.get $k) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $vb))))))

  ;; Location index $i of the concatenated stacks (16- or 32-bit column).
  (func $loc (param $locs i32) (param $wide i32) (param $i i32) (result i32)
    (if (result i32) (local.get $wide)
      (then (i32.load (i32.add (local.get $locs) (i32.shl (local.get $i) (i32.const 2)))))
      (else (i32.load16_u (i32.add (local.get $locs) (i32.shl (local.get $i) (i32.const 1)))))))

  ;; $addB = 0 walks type a alone: b's values are added as zeros (sampleWalk.ts passes a's arrays as b's).
  ;; $single[loc]: the key of a location with one frame, -1 for the others.
  (func (export "walk")
    (param $count i32) (param $types i32) (param $a i32) (param $b i32) (param $addB i32)
    (param $values i32) (param $locStart i32) (param $locs i32) (param $wide i32)
    (param $frameKey i32) (param $frameStart i32) (param $single i32)
    (param $stamp i32) (param $flatA i32) (param $cumA i32) (param $flatB i32) (param $cumB i32)
    (local $s i32) (local $row i32) (local $va f64) (local $vb f64) (local $sumA f64) (local $sumB f64)
    (local $i i32) (local $last i32) (local $loc i32) (local $k i32) (local $f i32) (local $fe i32) (local $at i32)
    (block $done
      (loop $sample
        (br_if $done (i32.ge_u (local.get $s) (local.get $count)))
        (local.set $row (i32.add (local.get $values) (i32.shl (i32.mul (local.get $s) (local.get $types)) (i32.const 3))))
        (local.set $va (f64.load (i32.add (local.get $row) (i32.shl (local.get $a) (i32.const 3)))))
        (local.set $vb (f64.mul (f64.load (i32.add (local.get $row) (i32.shl (local.get $b) (i32.const 3))))
                                (f64.convert_i32_u (local.get $addB))))
        (local.set $sumA (f64.add (local.get $sumA) (local.get $va)))
        (local.set $sumB (f64.add (local.get $sumB) (local.get $vb)))
        (block $next
          ;; A zero adds nothing anywhere, and most samples of an in-use type are zero.
          (br_if $next (i32.and (f64.eq (local.get $va) (f64.const 0)) (f64.eq (local.get $vb) (f64.const 0))))
          (local.set $i (i32.load (i32.add (local.get $locStart) (i32.shl (local.get $s) (i32.const 2)))))
          (local.set $last (i32.load offset=4 (i32.add (local.get $locStart) (i32.shl (local.get $s) (i32.const 2)))))
          (br_if $next (i32.eq (local.get $i) (local.get $last)))
          ;; Flat: the leaf's first frame (the innermost, inlined one when there are several).
          (local.set $k (i32.load (i32.add (local.get $frameKey) (i32.shl
            (i32.load (i32.add (local.get $frameStart) (i32.shl (call $loc (local.get $locs) (local.get $wide) (local.get $i)) (i32.const 2))))
            (i32.const 2)))))
          (local.set $at (i32.add (local.get $flatA) (i32.shl (local.get $k) (i32.const 3))))
          (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $va)))
          (local.set $at (i32.add (local.get $flatB) (i32.shl (local.get $k) (i32.const 3))))
          (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $vb)))
          ;; Cum: every key on the stack, once per sample even under recursion.
          (loop $frame
            (local.set $loc (call $loc (local.get $locs) (local.get $wide) (local.get $i)))
            (local.set $k (i32.load (i32.add (local.get $single) (i32.shl (local.get $loc) (i32.const 2)))))
            (if (i32.ge_s (local.get $k) (i32.const 0))
              (then (call $cum (local.get $k) (local.get $s) (local.get $stamp) (local.get $cumA) (local.get $cumB) (local.get $va) (local.get $vb)))
              (else
                (local.set $f (i32.load (i32.add (local.get $frameStart) (i32.shl (local.get $loc) (i32.const 2)))))
                (local.set $fe (i32.load offset=4 (i32.add (local.get $frameStart) (i32.shl (local.get $loc) (i32.const 2)))))
                (block $framesDone
                  (loop $frames
                    (br_if $framesDone (i32.ge_u (local.get $f) (local.get $fe)))
                    (call $cum (i32.load (i32.add (local.get $frameKey) (i32.shl (local.get $f) (i32.const 2))))
                      (local.get $s) (local.get $stamp) (local.get $cumA) (local.get $cumB) (local.get $va) (local.get $vb))
                    (local.set $f (i32.add (local.get $f) (i32.const 1)))
                    (br $frames)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $frame (i32.lt_u (local.get $i) (local.get $last)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $sample)))
    (global.set $sumA (local.get $sumA))
    (global.set $sumB (local.get $sumB)))
)
