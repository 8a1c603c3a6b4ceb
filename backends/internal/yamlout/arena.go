package yamlout

// Arena holds the bytes of one backend run's generated files, written one
// after another. A file starts in the free tail of the block the previous
// file ended in; when it outgrows that tail, only its own bytes move to a
// bigger block, whose spare capacity becomes the tail for the next files.
// A run thus allocates a few blocks instead of a growing buffer per file:
// a cold `pipec build` pays for every fresh page it touches, and per-file
// buffers grown by doubling allocated two to five times the output.
//
// The zero Arena is ready to use. Bytes written since the last Finish form
// the current file.
type Arena struct {
	cur  []byte // the current file; its spare capacity is the free tail
	next int    // size of the next block
}

const (
	// firstBlock holds the seed's Argo CD tree, or most of a workflow,
	// without growing. Of 4, 8, 16 and 32 KiB, 16 allocated least for
	// the three backends together on the seed; the part of a fresh block
	// never written costs no page faults.
	firstBlock = 16 << 10
	// maxBlock bounds how far block sizes double, so the unused tail at
	// the end of a big run stays small next to its output.
	maxBlock = 256 << 10
)

// WriteString appends s to the current file: its header comments.
func (a *Arena) WriteString(s string) {
	a.reserve(len(s))
	a.cur = append(a.cur, s...)
}

// Encode appends the YAML form of v to the current file, as Marshal
// writes it. On error the current file holds part of v.
func (a *Arena) Encode(v any) error {
	var err error
	a.cur, err = encode(a.cur, v, a)
	return err
}

// Finish ends the current file and returns its bytes. The slice's
// capacity is its length, so appending to it copies rather than writing
// over the next file.
func (a *Arena) Finish() []byte {
	n := len(a.cur)
	file := a.cur[:n:n]
	a.cur = a.cur[n:]
	return file
}

// reserve makes room for n more bytes in the current file.
func (a *Arena) reserve(n int) {
	if cap(a.cur)-len(a.cur) < n {
		a.cur = a.grow(a.cur, n)
	}
}

// grow returns file, the current file's bytes, in a new block with room
// for n more bytes. Block sizes double up to maxBlock, so a run of many
// small files needs few blocks; a file bigger than that gets twice what
// it needs, so it moves O(log size) times, like an appended slice.
func (a *Arena) grow(file []byte, n int) []byte {
	size := max(a.next, firstBlock)
	a.next = min(2*size, maxBlock)
	size = max(size, 2*(len(file)+n))
	// Not slices.Grow: it clears the whole new block, faulting in pages
	// a fresh allocation leaves untouched until written.
	block := make([]byte, len(file), size)
	copy(block, file)
	return block
}
