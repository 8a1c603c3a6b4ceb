//go:build !linux

package main

func (s *treeSnapshot) read(out string) bool { return s.readWalk(out) }
