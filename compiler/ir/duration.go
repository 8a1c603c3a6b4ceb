package ir

import (
	"strconv"
	"time"
)

// String renders d compactly: "90s" is "1m30s", "5m0s" is "5m", "0s" is "0s".
func (d Duration) String() string {
	t := time.Duration(d)
	if t == 0 {
		return "0s"
	}
	s := ""
	if h := t / time.Hour; h > 0 {
		s += strconv.FormatInt(int64(h), 10) + "h"
		t -= h * time.Hour
	}
	if m := t / time.Minute; m > 0 {
		s += strconv.FormatInt(int64(m), 10) + "m"
		t -= m * time.Minute
	}
	if t >= time.Second {
		sec := t / time.Second
		s += strconv.FormatInt(int64(sec), 10) + "s"
		t -= sec * time.Second
	}
	if t > 0 {
		s += strconv.FormatInt(int64(t/time.Millisecond), 10) + "ms"
	}
	return s
}

// Seconds returns the whole seconds in d, rounding up.
func (d Duration) Seconds() int {
	return int((time.Duration(d) + time.Second - 1) / time.Second)
}

// Minutes returns the whole minutes in d, rounding up (GitHub's timeout-minutes).
func (d Duration) Minutes() int {
	return int((time.Duration(d) + time.Minute - 1) / time.Minute)
}
