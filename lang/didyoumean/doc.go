// Package didyoumean suggests the closest known name for a misspelt one.
package didyoumean
