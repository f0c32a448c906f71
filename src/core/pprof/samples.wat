;; The Sample reader: perftools.profiles.Profile.sample messages, straight
;; into columns in this module's memory. Nearly every byte of a profile is a
;; Sample (a heap profile: one per distinct stack, ~30 packed location ids,
;; a few packed values, one label), and this loop is the decoder's hot path.
;; In JavaScript it ran cold: interpreted, then baseline code, then optimised
;; code that V8 compiles on a background thread while the load goes on, and
;; whose speed varied twofold with where V8 happened to place it (see
;; CONTRIBUTING, "the decode bench is bimodal"). Here it is compiled before the
;; first byte and runs at the speed of C (measured: the id loop of the medium
;; bench profile 20–33 ms against 43–96 ms in JavaScript).
;;
;; sampleReader.ts owns the memory layout: it stages input bytes, places the
;; columns (offsets and capacities in the globals below) and reads them back.
;; Every column length here is "committed" only once a whole sample has been
;; read, so a sample that stops half-way leaves nothing behind.
;;
;; Stops are traps: the function sets $status (and $errPos/$errArg/$errWhere
;; for an error) and executes `unreachable`; JavaScript catches the trap,
;; reads the globals and either makes room (ROOM), widens the id column
;; (WIDEN) and resumes at $committed, or throws a ProfileFormatError. Traps
;; keep the hot loops free of status checks.
;;
;; Wire format: github.com/google/pprof proto/profile.proto, FORMATS.md §1.
(module
  ;; Made by sampleReader.ts and shared with walk.wat, which walks the columns in place.
  (import "env" "mem" (memory 1 65536))

  ;; ---- status, set before every trap (sampleReader.ts: STATUS) ----
  (global $status (export "status") (mut i32) (i32.const 0))
  (global $errPos (export "errPos") (mut i32) (i32.const 0))
  (global $errArg (export "errArg") (mut f64) (f64.const 0))
  (global $errWhere (export "errWhere") (mut i32) (i32.const 0))
  ;; Where the sample being read started: resume there after ROOM or WIDEN.
  (global $committed (export "committed") (mut i32) (i32.const 0))
  ;; ROOM: the length of the sample that did not fit.
  (global $need (export "need") (mut i32) (i32.const 0))
  ;; A truncated length (error 15): how many bytes its message had left.
  (global $errLeft (export "errLeft") (mut i32) (i32.const 0))

  ;; ---- columns: byte offsets, capacities and committed lengths in entries ----
  ;; Location ids, stored as id − 1 in 16 bits ($wide = 0) or 32 ($wide = 1);
  ;; id 0 wraps to the largest value of the width (see idColumn.ts).
  (global $ids (export "ids") (mut i32) (i32.const 0))
  (global $idsCap (export "idsCap") (mut i32) (i32.const 0))
  (global $idsLen (export "idsLen") (mut i32) (i32.const 0))
  (global $wide (export "wide") (mut i32) (i32.const 0))
  ;; The largest stored value (unsigned), as IdColumn.maxStored.
  (global $hi (export "hi") (mut i32) (i32.const 0))
  ;; Values (f64).
  (global $vals (export "vals") (mut i32) (i32.const 0))
  (global $valsCap (export "valsCap") (mut i32) (i32.const 0))
  (global $valsLen (export "valsLen") (mut i32) (i32.const 0))
  ;; Per sample: where its ids and labels start (u32, count + 1 entries).
  (global $locStart (export "locStart") (mut i32) (i32.const 0))
  (global $labStart (export "labStart") (mut i32) (i32.const 0))
  (global $sampCap (export "sampCap") (mut i32) (i32.const 0))
  (global $count (export "count") (mut i32) (i32.const 0))
  ;; Labels: key, str, num_unit (i32, wrapped) and num (f64).
  (global $labKey (export "labKey") (mut i32) (i32.const 0))
  (global $labStr (export "labStr") (mut i32) (i32.const 0))
  (global $labNum (export "labNum") (mut i32) (i32.const 0))
  (global $labUnit (export "labUnit") (mut i32) (i32.const 0))
  (global $labCap (export "labCap") (mut i32) (i32.const 0))
  (global $labLen (export "labLen") (mut i32) (i32.const 0))
  ;; Smallest and largest string index a label named, before any wrap (join checks the range).
  (global $labMin (export "labMin") (mut i64) (i64.const 0))
  (global $labMax (export "labMax") (mut i64) (i64.const 0))
  ;; Values per sample: -2 before the first sample, -1 once two samples disagree.
  (global $perSample (export "perSample") (mut i32) (i32.const -2))
  ;; Values (and label numbers) whose magnitude reaches 2^53: not exact as numbers.
  (global $inexact (export "inexact") (mut i32) (i32.const 0))

  ;; ---- working state of the sample being read ----
  (global $p (mut i32) (i32.const 0)) ;; position after the last varint read
  (global $wIds (mut i32) (i32.const 0))
  (global $wVals (mut i32) (i32.const 0))
  (global $wLab (mut i32) (i32.const 0))
  (global $wMin (mut i64) (i64.const 0))
  (global $wMax (mut i64) (i64.const 0))
  (global $wInexact (mut i32) (i32.const 0))

  ;; ---- status and error codes (sampleReader.ts mirrors them) ----
  ;; 1 ROOM, 2 WIDEN; errors: 10 truncated varint, 11 varint longer than 10
  ;; bytes, 12 location id past 2^32-1, 13 expected a message, 14 unexpected
  ;; wire type, 15 truncated length, 16 group wire type, 17 invalid wire type,
  ;; 18 field runs past its message.
  ;; $errWhere: 0 varint, 1 sample.location_id, 2 sample.value, 3 sample.label,
  ;; 4 label.key, 5 label.str, 6 label.num, 7 label.num_unit, 8 sample.

  (func $stop (param $status i32) (param $pos i32) (param $where i32) (param $arg f64)
    (global.set $status (local.get $status))
    (global.set $errPos (local.get $pos))
    (global.set $errWhere (local.get $where))
    (global.set $errArg (local.get $arg))
    unreachable)

  ;; A varint of up to 10 bytes ending before $end; the position after it in $p.
  (func $varint (param $pos i32) (param $end i32) (result i64)
    (local $v i64) (local $shift i64) (local $b i32) (local $start i32)
    (local.set $start (local.get $pos))
    (loop $next
      (if (i32.ge_u (local.get $pos) (local.get $end))
        (then (call $stop (i32.const 10) (local.get $pos) (i32.const 0) (f64.const 0))))
      (if (i64.ge_u (local.get $shift) (i64.const 70))
        (then (call $stop (i32.const 11) (local.get $pos) (i32.const 0) (f64.const 0))))
      (local.set $b (i32.load8_u (local.get $pos)))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (local.set $v (i64.or (local.get $v)
        (i64.shl (i64.extend_i32_u (i32.and (local.get $b) (i32.const 0x7f))) (local.get $shift))))
      (local.set $shift (i64.add (local.get $shift) (i64.const 7)))
      (br_if $next (i32.ge_u (local.get $b) (i32.const 0x80))))
    (global.set $p (local.get $pos))
    (local.get $v))

  ;; An int64 as f64 (the nearest double, as JavaScript's readInt64 gives),
  ;; counting values past 2^53 in magnitude.
  (func $toF64 (param $v i64) (result f64)
    (if (i64.gt_u (i64.add (local.get $v) (i64.const 0x1fffffffffffff)) (i64.const 0x3ffffffffffffe))
      (then (global.set $wInexact (i32.add (global.get $wInexact) (i32.const 1)))))
    (f64.convert_i64_s (local.get $v)))

  ;; A length-delimited field's end, checked against its message's end.
  (func $lenEnd (param $pos i32) (param $end i32) (param $where i32) (result i32)
    (local $len i64)
    (local.set $len (call $varint (local.get $pos) (local.get $end)))
    (if (i64.gt_u (local.get $len) (i64.extend_i32_u (i32.sub (local.get $end) (global.get $p))))
      (then
        (global.set $errLeft (i32.sub (local.get $end) (global.get $p)))
        (call $stop (i32.const 15) (local.get $pos) (local.get $where) (f64.convert_i64_u (local.get $len)))))
    (i32.add (global.get $p) (i32.wrap_i64 (local.get $len))))

  ;; Skips an unknown field's value; returns the position after it.
  (func $skip (param $pos i32) (param $wt i32) (param $end i32) (result i32)
    (local $to i32)
    (block $done
      (if (i32.eqz (local.get $wt))
        (then (drop (call $varint (local.get $pos) (local.get $end))) (return (global.get $p))))
      (if (i32.eq (local.get $wt) (i32.const 2))
        (then (return (call $lenEnd (local.get $pos) (local.get $end) (i32.const 0)))))
      (if (i32.or (i32.eq (local.get $wt) (i32.const 3)) (i32.eq (local.get $wt) (i32.const 4)))
        (then (call $stop (i32.const 16) (local.get $pos) (i32.const 0) (f64.convert_i32_u (local.get $wt)))))
      (if (i32.eq (local.get $wt) (i32.const 1)) (then (local.set $to (i32.const 8)) (br $done)))
      (if (i32.eq (local.get $wt) (i32.const 5)) (then (local.set $to (i32.const 4)) (br $done)))
      (call $stop (i32.const 17) (local.get $pos) (i32.const 0) (f64.convert_i32_u (local.get $wt))))
    (if (i32.gt_u (local.get $to) (i32.sub (local.get $end) (local.get $pos)))
      (then (call $stop (i32.const 18) (local.get $pos) (i32.const 0) (f64.const 0))))
    (i32.add (local.get $pos) (local.get $to)))

  ;; A field tag: one byte for every Sample and Label field; longer ones are read as varints.
  (func $tag (param $pos i32) (param $end i32) (result i32)
    (local $b i32)
    (local.set $b (i32.load8_u (local.get $pos)))
    (if (i32.lt_u (local.get $b) (i32.const 0x80))
      (then (global.set $p (i32.add (local.get $pos) (i32.const 1))) (return (local.get $b))))
    (i32.wrap_i64 (call $varint (local.get $pos) (local.get $end))))

  ;; One location id into the id column (any length, checked): the slow path.
  (func $storeId (param $id i64) (param $pos i32)
    (local $v i32)
    (if (i64.gt_u (local.get $id) (i64.const 0xffffffff))
      (then (call $stop (i32.const 12) (local.get $pos) (i32.const 1) (f64.convert_i64_u (local.get $id)))))
    (if (i32.and (i32.eqz (global.get $wide)) (i64.gt_u (local.get $id) (i64.const 0xffff)))
      (then (call $stop (i32.const 2) (local.get $pos) (i32.const 1) (f64.const 0))))
    (local.set $v (i32.sub (i32.wrap_i64 (local.get $id)) (i32.const 1)))
    (if (global.get $wide)
      (then
        (i32.store (i32.add (global.get $ids) (i32.shl (global.get $wIds) (i32.const 2))) (local.get $v)))
      (else
        (local.set $v (i32.and (local.get $v) (i32.const 0xffff)))
        (i32.store16 (i32.add (global.get $ids) (i32.shl (global.get $wIds) (i32.const 1))) (local.get $v))))
    (if (i32.gt_u (local.get $v) (global.get $hi)) (then (global.set $hi (local.get $v))))
    (global.set $wIds (i32.add (global.get $wIds) (i32.const 1))))

  ;; Packed location ids from $pos to $e. Ids of one or two bytes (every
  ;; profile with under 16384 locations) are decoded without a branch on
  ;; which: a mix of both is the common case, and a mispredicted branch per
  ;; id costs more than the arithmetic. Longer ones take $storeId.
  (func $packedIds (param $pos i32) (param $e i32)
    (local $n i32) (local $hi i32) (local $base i32)
    (local $b0 i32) (local $b1 i32) (local $two i32) (local $v i32)
    (if (global.get $wide)
      (then
        (block $done32
          (loop $next32
            (br_if $done32 (i32.ge_u (local.get $pos) (local.get $e)))
            (call $storeId (call $varint (local.get $pos) (local.get $e)) (local.get $pos))
            (local.set $pos (global.get $p))
            (br $next32)))
        (return)))
    (local.set $n (global.get $wIds))
    (local.set $hi (global.get $hi))
    (local.set $base (global.get $ids))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $pos) (local.get $e)))
        (local.set $b0 (i32.load8_u (local.get $pos)))
        (local.set $two (i32.shr_u (local.get $b0) (i32.const 7)))
        ;; The byte after the field may be read (the stage has padding), never used.
        (local.set $b1 (select (i32.load8_u offset=1 (local.get $pos)) (i32.const 0x80)
          (i32.lt_u (i32.add (local.get $pos) (i32.const 1)) (local.get $e))))
        (if (i32.and (local.get $two) (i32.shr_u (local.get $b1) (i32.const 7)))
          (then
            ;; Three bytes or more, or a varint cut by the field's end.
            (global.set $wIds (local.get $n))
            (global.set $hi (local.get $hi))
            (call $storeId (call $varint (local.get $pos) (local.get $e)) (local.get $pos))
            (local.set $pos (global.get $p))
            (local.set $n (global.get $wIds))
            (local.set $hi (global.get $hi))
            (br $next)))
        ;; id − 1 in 16 bits: id 0 becomes 0xffff, the column's zero value.
        (local.set $v (i32.and (i32.sub
          (i32.or (i32.and (local.get $b0) (i32.const 0x7f))
                  (i32.mul (i32.shl (i32.and (local.get $b1) (i32.const 0x7f)) (i32.const 7)) (local.get $two)))
          (i32.const 1)) (i32.const 0xffff)))
        (i32.store16 (i32.add (local.get $base) (i32.shl (local.get $n) (i32.const 1))) (local.get $v))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $hi (select (local.get $v) (local.get $hi) (i32.gt_u (local.get $v) (local.get $hi))))
        (local.set $pos (i32.add (local.get $pos) (i32.add (i32.const 1) (local.get $two))))
        (br $next)))
    (global.set $wIds (local.get $n))
    (global.set $hi (local.get $hi)))

  (func $storeValue (param $v i64)
    (f64.store (i32.add (global.get $vals) (i32.shl (global.get $wVals) (i32.const 3))) (call $toF64 (local.get $v)))
    (global.set $wVals (i32.add (global.get $wVals) (i32.const 1))))

  ;; Packed values from $pos to $e: one byte inline, longer through $varint.
  (func $packedValues (param $pos i32) (param $e i32)
    (local $n i32) (local $base i32) (local $b0 i32)
    (local.set $base (global.get $vals))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $pos) (local.get $e)))
        (local.set $b0 (i32.load8_u (local.get $pos)))
        (if (i32.lt_u (local.get $b0) (i32.const 0x80))
          (then
            (local.set $n (global.get $wVals))
            (f64.store (i32.add (local.get $base) (i32.shl (local.get $n) (i32.const 3))) (f64.convert_i32_u (local.get $b0)))
            (global.set $wVals (i32.add (local.get $n) (i32.const 1)))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1))))
          (else
            (call $storeValue (call $varint (local.get $pos) (local.get $e)))
            (local.set $pos (global.get $p))))
        (br $next))))

  ;; One Label message from $pos to $e into the label columns.
  (func $label (param $pos i32) (param $e i32)
    (local $tag i32) (local $wt i32) (local $field i32) (local $v i64)
    (local $key i64) (local $str i64) (local $num i64) (local $unit i64) (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $pos) (local.get $e)))
        (local.set $tag (call $tag (local.get $pos) (local.get $e)))
        (local.set $field (i32.shr_u (local.get $tag) (i32.const 3)))
        (local.set $wt (i32.and (local.get $tag) (i32.const 7)))
        (if (i32.or (i32.eqz (local.get $field)) (i32.gt_u (local.get $field) (i32.const 4)))
          (then
            (local.set $pos (call $skip (global.get $p) (local.get $wt) (local.get $e)))
            (br $next)))
        (if (local.get $wt)
          (then (call $stop (i32.const 14) (global.get $p) (i32.add (local.get $field) (i32.const 3)) (f64.convert_i32_u (local.get $wt)))))
        (local.set $v (call $varint (global.get $p) (local.get $e)))
        (local.set $pos (global.get $p))
        (drop (call $toF64 (local.get $v))) ;; counts an inexact index or number, as JavaScript did
        (if (i32.eq (local.get $field) (i32.const 1)) (then (local.set $key (local.get $v)) (br $next)))
        (if (i32.eq (local.get $field) (i32.const 2)) (then (local.set $str (local.get $v)) (br $next)))
        (if (i32.eq (local.get $field) (i32.const 3)) (then (local.set $num (local.get $v)) (br $next)))
        (local.set $unit (local.get $v))
        (br $next)))
    (call $labelRange (local.get $key))
    (call $labelRange (local.get $str))
    (call $labelRange (local.get $unit))
    (local.set $n (global.get $wLab))
    (i32.store (i32.add (global.get $labKey) (i32.shl (local.get $n) (i32.const 2))) (i32.wrap_i64 (local.get $key)))
    (i32.store (i32.add (global.get $labStr) (i32.shl (local.get $n) (i32.const 2))) (i32.wrap_i64 (local.get $str)))
    (f64.store (i32.add (global.get $labNum) (i32.shl (local.get $n) (i32.const 3))) (f64.convert_i64_s (local.get $num)))
    (i32.store (i32.add (global.get $labUnit) (i32.shl (local.get $n) (i32.const 2))) (i32.wrap_i64 (local.get $unit)))
    (global.set $wLab (i32.add (local.get $n) (i32.const 1))))

  (func $labelRange (param $v i64)
    (if (i64.lt_s (local.get $v) (global.get $wMin)) (then (global.set $wMin (local.get $v))))
    (if (i64.gt_s (local.get $v) (global.get $wMax)) (then (global.set $wMax (local.get $v)))))

  ;; The body of one Sample, from $pos to $end, into the working columns.
  ;; Returns how many values it had.
  (func $body (param $pos i32) (param $end i32) (result i32)
    (local $tag i32) (local $field i32) (local $wt i32) (local $e i32) (local $values i32)
    (local.set $values (global.get $wVals))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $pos) (local.get $end)))
        (local.set $tag (call $tag (local.get $pos) (local.get $end)))
        (local.set $pos (global.get $p))
        (local.set $field (i32.shr_u (local.get $tag) (i32.const 3)))
        (local.set $wt (i32.and (local.get $tag) (i32.const 7)))
        (if (i32.eq (local.get $field) (i32.const 1))
          (then
            (if (i32.eqz (local.get $wt))
              (then
                (call $storeId (call $varint (local.get $pos) (local.get $end)) (local.get $pos))
                (local.set $pos (global.get $p))
                (br $next)))
            (if (i32.ne (local.get $wt) (i32.const 2))
              (then (call $stop (i32.const 13) (local.get $pos) (i32.const 1) (f64.convert_i32_u (local.get $wt)))))
            (local.set $e (call $lenEnd (local.get $pos) (local.get $end) (i32.const 1)))
            (call $packedIds (global.get $p) (local.get $e))
            (local.set $pos (local.get $e))
            (br $next)))
        (if (i32.eq (local.get $field) (i32.const 2))
          (then
            (if (i32.eqz (local.get $wt))
              (then
                (call $storeValue (call $varint (local.get $pos) (local.get $end)))
                (local.set $pos (global.get $p))
                (br $next)))
            (if (i32.ne (local.get $wt) (i32.const 2))
              (then (call $stop (i32.const 14) (local.get $pos) (i32.const 2) (f64.convert_i32_u (local.get $wt)))))
            (local.set $e (call $lenEnd (local.get $pos) (local.get $end) (i32.const 2)))
            (call $packedValues (global.get $p) (local.get $e))
            (local.set $pos (local.get $e))
            (br $next)))
        (if (i32.eq (local.get $field) (i32.const 3))
          (then
            (if (i32.ne (local.get $wt) (i32.const 2))
              (then (call $stop (i32.const 13) (local.get $pos) (i32.const 3) (f64.convert_i32_u (local.get $wt)))))
            (local.set $e (call $lenEnd (local.get $pos) (local.get $end) (i32.const 3)))
            (call $label (global.get $p) (local.get $e))
            (local.set $pos (local.get $e))
            (br $next)))
        (local.set $pos (call $skip (local.get $pos) (local.get $wt) (local.get $end)))
        (br $next)))
    (i32.sub (global.get $wVals) (local.get $values)))

  ;; Reads the Sample body from $pos to $end (the field started at $start):
  ;; checks there is room for anything it could hold, reads it, commits it.
  (func $one (param $start i32) (param $pos i32) (param $end i32)
    (local $len i32) (local $values i32) (local $c i32)
    (global.set $committed (local.get $start))
    (local.set $len (i32.sub (local.get $end) (local.get $pos)))
    ;; Each id and value takes a byte or more, each label two or more.
    (if (i32.or
          (i32.or (i32.lt_u (i32.sub (global.get $idsCap) (global.get $idsLen)) (local.get $len))
                  (i32.lt_u (i32.sub (global.get $valsCap) (global.get $valsLen)) (local.get $len)))
          (i32.or (i32.lt_u (i32.sub (global.get $sampCap) (global.get $count)) (i32.const 2))
                  (i32.lt_u (i32.sub (global.get $labCap) (global.get $labLen)) (i32.shr_u (local.get $len) (i32.const 1)))))
      (then
        (global.set $need (local.get $len))
        (call $stop (i32.const 1) (local.get $start) (i32.const 8) (f64.const 0))))
    (global.set $wIds (global.get $idsLen))
    (global.set $wVals (global.get $valsLen))
    (global.set $wLab (global.get $labLen))
    (global.set $wMin (global.get $labMin))
    (global.set $wMax (global.get $labMax))
    (global.set $wInexact (global.get $inexact))
    (local.set $values (call $body (local.get $pos) (local.get $end)))
    ;; Commit.
    (if (i32.eq (global.get $perSample) (i32.const -2))
      (then (global.set $perSample (local.get $values)))
      (else (if (i32.ne (global.get $perSample) (local.get $values)) (then (global.set $perSample (i32.const -1))))))
    (local.set $c (i32.add (global.get $count) (i32.const 1)))
    (global.set $count (local.get $c))
    (i32.store (i32.add (global.get $locStart) (i32.shl (local.get $c) (i32.const 2))) (global.get $wIds))
    (i32.store (i32.add (global.get $labStart) (i32.shl (local.get $c) (i32.const 2))) (global.get $wLab))
    (global.set $idsLen (global.get $wIds))
    (global.set $valsLen (global.get $wVals))
    (global.set $labLen (global.get $wLab))
    (global.set $labMin (global.get $wMin))
    (global.set $labMax (global.get $wMax))
    (global.set $inexact (global.get $wInexact)))

  ;; Reads consecutive top-level Sample fields (tag 0x12) from $pos while they
  ;; are whole before $end; returns where it stopped: $end, another field, a
  ;; Sample cut by $end, or one whose tag or length this fast path leaves to
  ;; JavaScript (a multi-byte tag, a length of 2^28 or more).
  (func (export "samples") (param $pos i32) (param $end i32) (result i32)
    (local $q i32) (local $len i32) (local $b i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $pos) (local.get $end)))
        (br_if $done (i32.ne (i32.load8_u (local.get $pos)) (i32.const 0x12)))
        ;; The length: up to four bytes, all before $end.
        (local.set $q (i32.add (local.get $pos) (i32.const 1)))
        (local.set $len (i32.const 0))
        (block $lenDone
          (loop $lenByte
            (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
            (local.set $b (i32.load8_u (local.get $q)))
            (local.set $len (i32.or (local.get $len)
              (i32.shl (i32.and (local.get $b) (i32.const 0x7f)) (i32.mul (i32.sub (local.get $q) (i32.add (local.get $pos) (i32.const 1))) (i32.const 7)))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br_if $lenDone (i32.lt_u (local.get $b) (i32.const 0x80)))
            (br_if $done (i32.ge_u (i32.sub (local.get $q) (local.get $pos)) (i32.const 5)))
            (br $lenByte)))
        (br_if $done (i32.gt_u (local.get $len) (i32.sub (local.get $end) (local.get $q))))
        (call $one (local.get $pos) (local.get $q) (i32.add (local.get $q) (local.get $len)))
        (local.set $pos (i32.add (local.get $q) (local.get $len)))
        (br $next)))
    (local.get $pos))

  ;; One Sample body from $pos to $end, for a field JavaScript framed itself.
  (func (export "sample") (param $pos i32) (param $end i32)
    (call $one (local.get $pos) (local.get $pos) (local.get $end)))
)
