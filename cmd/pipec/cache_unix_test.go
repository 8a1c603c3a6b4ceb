//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A -var-file that is a pipe (-var-file <(...)) can be read once: the
// cache key and the compile must share that one reading, with the cache
// on or off.
func TestVarFilePipe(t *testing.T) {
	for _, cache := range []string{"on", "off"} {
		t.Run("cache "+cache, func(t *testing.T) {
			c := newCacheCase(t)
			fifo := filepath.Join(c.root, "vars.fifo")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			go func() {
				f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					return
				}
				f.WriteString("node_version = \"22\"\n")
				f.Close()
			}()
			c.args[3] = fifo
			if cache == "off" {
				c.environ[0] = "PIPEC_CACHE=off"
			}
			c.build(t, c.out)
			data, err := os.ReadFile(filepath.Join(c.out, ".github/workflows/my-app.yml"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), "node:22") {
				t.Errorf("the build did not use the piped variable file (no node:22 in the workflow)")
			}
		})
	}
}
