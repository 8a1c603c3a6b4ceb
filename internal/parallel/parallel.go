package parallel

import (
	"sync"
	"sync/atomic"
)

// ForEach calls fn(i, w) once for every i in [0, n), on at most workers
// goroutines (at least one, at most n), the calling goroutine being
// worker 0. Items are taken in increasing order, so the first ones start
// first; w (0 <= w < workers) names the goroutine, for scratch space of
// its own. ForEach returns when every call has.
func ForEach(n, workers int, fn func(i, w int)) {
	workers = max(1, min(workers, n))
	var next atomic.Int64
	work := func(w int) {
		for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
			fn(i, w)
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { work(w) })
	}
	work(0)
	wg.Wait()
}
