// Package buildcache remembers what the last compile of a spec produced,
// so that a build whose inputs have not changed since (the pre-commit
// hook on a commit that does not touch the spec, an editor's save, a
// second `pipec build`) skips parsing, checking, lowering and emitting.
//
// An entry is keyed by everything a compile reads: the pipec binary, the
// spec's file names and bytes, variable files and values, the targets and
// the names the headers use. The caller builds that key with Key; the
// cache compares it byte for byte with the entry's, so a hash collision
// or a stale entry is a miss, never a wrong answer. An entry's head (the
// key, a random ID, the targets, the file count) and the whole entry
// each carry a CRC-32, so a torn or damaged file is a miss too; entries
// are written in place for that reason (ext4 flushes a file replaced by
// rename). Only compiles without diagnostics are stored: warnings are
// always recomputed and shown. Entries and stamps unused for 30 days are
// trimmed.
//
// A Stamp records file-system metadata of an output tree that held an
// entry's files; the caller (cmd/pipec) takes and checks the records.
// The cache never decides what is written to the output tree: a hit
// hands the remembered files to the same plan (compare with the tree,
// write what differs, remove orphans) a compile's files go through, or,
// with a stamp that still matches, reports the tree current.
package buildcache
