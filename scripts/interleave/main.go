// Command interleave times commands the way the speed goal is judged: one
// run of each in turn, round after round, so a noisy neighbour, a CPU
// frequency change or a warm page cache falls on every command alike
// (hyperfine runs all of one command, then all of the next). It prints a
// Markdown table of wall times with each command's median as a multiple
// of the first command's:
//
//	go run ./scripts/interleave -runs 500 ./hello-world 'pipec build --out /tmp/o examples/seed'
//
// A command is split on spaces; leading NAME=VALUE words set its
// environment.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

func main() {
	runs := flag.Int("runs", 300, "timed rounds")
	warmup := flag.Int("warmup", 20, "untimed rounds first")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: interleave [-runs N] [-warmup N] COMMAND...")
		os.Exit(2)
	}
	cmds := flag.Args()
	times := make([][]time.Duration, len(cmds))
	for round := range *warmup + *runs {
		for i, c := range cmds {
			d, err := run(c)
			if err != nil {
				fmt.Fprintf(os.Stderr, "interleave: %s: %v\n", c, err)
				os.Exit(1)
			}
			if round >= *warmup {
				times[i] = append(times[i], d)
			}
		}
	}
	fmt.Println("| command | median (ms) | mean (ms) | p10 (ms) | p90 (ms) | median / first |")
	fmt.Println("|---|---|---|---|---|---|")
	var base time.Duration
	for i, c := range cmds {
		t := times[i]
		slices.Sort(t)
		var sum time.Duration
		for _, d := range t {
			sum += d
		}
		med := t[len(t)/2]
		if i == 0 {
			base = med
		}
		fmt.Printf("| `%s` | %.2f | %.2f | %.2f | %.2f | %.2fx |\n", c, ms(med), ms(sum/time.Duration(len(t))), ms(t[len(t)/10]), ms(t[len(t)*9/10]), float64(med)/float64(base))
	}
}

// run starts one command with its output discarded and returns its wall
// time from start to exit.
func run(c string) (time.Duration, error) {
	f := strings.Fields(c)
	var env []string
	for len(f) > 1 && strings.Contains(f[0], "=") {
		env = append(env, f[0])
		f = f[1:]
	}
	cmd := exec.Command(f[0], f[1:]...)
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	err := cmd.Run()
	return time.Since(start), err
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
