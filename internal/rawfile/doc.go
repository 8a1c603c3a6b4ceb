// Package rawfile reads files with the system calls themselves on Linux.
//
// os.Open registers every file with the runtime's network poller, which
// a regular file refuses: on Linux each open costs fcntl calls and a
// failed epoll_ctl on top of open, fstat, read and close, and the first
// one creates the poller (epoll_create1, eventfd2, epoll_ctl) and lets
// the scheduler poll it from then on. A build that finds its files in
// the build cache opens three files (the spec, the entry's head and the
// tree stamp) and nothing else; read this way they leave the poller
// unborn. Elsewhere the package is a thin layer over package os.
package rawfile
