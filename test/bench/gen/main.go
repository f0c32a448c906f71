// Command gen writes a real Go heap profile for test/bench/decode.mjs.
//
// With runtime.MemProfileRate = 1 every allocation is recorded, and each
// allocation is made at the end of a pseudo-random walk through the 64
// generated functions of frames.go (16 call sites each), 8–39 calls deep, so
// nearly every allocation has its own call stack and becomes its own sample
// (the heap profile has one sample per distinct stack and size). Leaves
// allocate in eight ways (byte slices, structs, maps, strings.Repeat,
// fmt.Sprintf, …) and keep one object in eight alive, so all four sample types
// (alloc_objects, alloc_space, inuse_objects, inuse_space) are non-trivial.
// The profile is written by runtime/pprof itself: nothing is synthesized.
//
//	go run . -n 1300000 -o heap.pb.gz
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

// walker is the random walk: a splitmix64 stream seeded per allocation.
type walker struct {
	state uint64
	buf   uint64
	nbits uint
	depth int
	keep  bool
}

func (w *walker) next() uint64 {
	w.state += 0x9e3779b97f4a7c15
	z := w.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (w *walker) bits(n uint) uint64 {
	if w.nbits < n {
		w.buf = w.next()
		w.nbits = 64
	}
	v := w.buf & (1<<n - 1)
	w.buf >>= n
	w.nbits -= n
	return v
}

type node struct {
	key   int
	left  *node
	right *node
	name  string
	data  [4]int64
}

var retained []any

//go:noinline
func leaf(w *walker) {
	n := int(w.bits(8))
	var p any
	switch w.bits(3) {
	case 0:
		p = make([]byte, 16+n)
	case 1:
		p = make([]byte, 512+n*8)
	case 2:
		p = &node{key: n}
	case 3:
		p = make([]int64, 1+n%32)
	case 4:
		p = strings.Repeat("x", 1+n)
	case 5:
		m := make(map[int]int, 4+n%16)
		m[n] = n
		p = m
	case 6:
		p = fmt.Sprintf("item-%d-%d", n, w.depth)
	case 7:
		p = bytes.NewBuffer(make([]byte, 0, 64+n))
	}
	if w.keep {
		retainedMu.Lock()
		retained = append(retained, p)
		retainedMu.Unlock()
	}
}

//go:noinline
func allocate(i uint64, seed uint64) {
	w := walker{state: i*0x2545f4914f6cdd1d ^ seed}
	w.depth = 8 + int(w.bits(5))
	w.keep = w.bits(3) == 0
	entries[w.bits(6)](&w)
}

// run makes allocations [0, n) on one goroutine per CPU, each taking every
// workers-th index: the samples do not depend on the number of CPUs.
//
//go:noinline
func run(n, seed uint64, workers int) {
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func(first uint64) {
			defer wg.Done()
			for i := first; i < n; i += uint64(workers) {
				allocate(i, seed)
			}
		}(uint64(k))
	}
	wg.Wait()
}

var retainedMu sync.Mutex

func main() {
	runtime.MemProfileRate = 1
	n := flag.Uint64("n", 100000, "allocations (≈ samples: nearly every one has its own stack)")
	out := flag.String("o", "heap.pb.gz", "output file")
	seed := flag.Uint64("seed", 1, "random walk seed")
	flag.Parse()
	start := time.Now()
	// Every GC cycle walks all profile buckets (mProf_Flush): with a million
	// buckets and a small heap that is quadratic, so GC waits until the end.
	debug.SetGCPercent(-1)
	run(*n, *seed, runtime.GOMAXPROCS(0))
	debug.SetGCPercent(100)
	// The heap profile is as of the last completed GC cycle; two cycles
	// flush every allocation into it.
	runtime.GC()
	runtime.GC()
	allocated := time.Since(start)
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: %d allocations in %.1fs, profile written in %.1fs, %d retained\n",
		*n, allocated.Seconds(), time.Since(start).Seconds()-allocated.Seconds(), len(retained))
}
