package web

// A size hint for render's buffer (issue 15, speed): Insights with a
// year of charts is about 100 KB of HTML, and growing a buffer to that
// by doubling copied and allocated it about twice over on every visit.
// render starts each page's buffer at the size that view last had.

import (
	"sync"
	"sync/atomic"
)

// pageSizes maps a view's name to the size of its last page.
var pageSizes sync.Map // string → *atomic.Int64

// maxSizeHint bounds a hint, so one huge page cannot make every later
// visit allocate that much.
const maxSizeHint = 512 << 10

func sizeHint(name string) int {
	if v, ok := pageSizes.Load(name); ok {
		return int(v.(*atomic.Int64).Load())
	}
	return 0
}

func noteSize(name string, n int) {
	n = min(n+n/16, maxSizeHint) // a little room for a longer name or list
	v, ok := pageSizes.Load(name)
	if !ok {
		v, _ = pageSizes.LoadOrStore(name, new(atomic.Int64))
	}
	v.(*atomic.Int64).Store(int64(n))
}
