// Command demo is the program `npm run demo` profiles: a small log
// summariser with the allocation habits real services have — string
// splitting, fmt, maps that grow, a buffer that is reallocated instead of
// reused, and a cache that keeps everything it ever saw.
//
//	demo -lines 200000 -heap heap.pb.gz
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
)

// cache keeps every parsed entry forever: the in-use memory in the heap profile.
var cache = map[string]*entry{}

type entry struct {
	path   string
	status string
	bytes  int
	hits   int
}

func main() {
	lines := flag.Int("lines", 200_000, "log lines to generate and summarise")
	heap := flag.String("heap", "heap.pb.gz", "where to write the heap profile")
	flag.Parse()
	runtime.MemProfileRate = 4096 // finer than the default so a short run shows every site

	top := summarise(generate(*lines))
	for _, e := range top[:5] {
		fmt.Printf("%-28s %6d hits %10d bytes\n", e.path, e.hits, e.bytes)
	}
	if err := writeHeap(*heap); err != nil {
		log.Fatal(err)
	}
}

// generate builds log lines with fmt.Sprintf: one string per line.
func generate(n int) []string {
	out := make([]string, 0, 16) // deliberately small: append regrows it many times
	for i := 0; i < n; i++ {
		out = append(out, fmt.Sprintf("10.0.%d.%d - GET /api/v1/items/%d HTTP/1.1 %d %d", i%256, i%97, i%5000, 200+i%3, 512+i%4096))
	}
	return out
}

// summarise parses every line and counts hits per path.
func summarise(lines []string) []*entry {
	for _, l := range lines {
		fields := strings.Fields(l) // a []string and its strings, per line
		path := strings.ToLower(fields[3])
		e := cache[path]
		if e == nil {
			e = &entry{path: path, status: fields[5]}
			cache[path] = e
		}
		e.hits++
		e.bytes += atoi(fields[6])
	}
	top := make([]*entry, 0, len(cache))
	for _, e := range cache {
		top = append(top, e)
	}
	sort.Slice(top, func(i, j int) bool { return top[i].hits > top[j].hits || top[i].hits == top[j].hits && top[i].path < top[j].path })
	return top
}

func atoi(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

func writeHeap(path string) error {
	runtime.GC() // the profile reflects the last completed GC
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("heap").WriteTo(f, 0)
}
