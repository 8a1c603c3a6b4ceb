package parallel

import (
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestForEach(t *testing.T) {
	for _, tt := range []struct{ n, workers, wantWorkers int }{
		{0, 4, 1}, {1, 4, 1}, {3, 1, 1}, {3, 0, 1}, {3, 8, 3}, {1000, 4, 4},
	} {
		calls := make([]atomic.Int32, tt.n)
		ForEach(tt.n, tt.workers, func(i, w int) {
			calls[i].Add(1)
			if w < 0 || w >= tt.wantWorkers {
				t.Errorf("n=%d workers=%d: worker %d out of [0, %d)", tt.n, tt.workers, w, tt.wantWorkers)
			}
		})
		got := make([]int32, tt.n)
		want := make([]int32, tt.n)
		for i := range calls {
			got[i], want[i] = calls[i].Load(), 1
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("n=%d workers=%d: calls per item (-want +got)\n%s", tt.n, tt.workers, diff)
		}
	}
}

// With one worker everything runs on the caller, in order.
func TestForEachOneWorkerInOrder(t *testing.T) {
	var got []int
	ForEach(5, 1, func(i, w int) { got = append(got, i) })
	if diff := cmp.Diff([]int{0, 1, 2, 3, 4}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
