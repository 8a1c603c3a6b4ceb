// Package irtest holds hand-built Programs for backend unit tests. They
// mirror specs in examples/ so backends can be tested without the front end.
package irtest
