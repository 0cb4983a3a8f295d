package web

// WhenWords is whenWords, for the external tests.
var WhenWords = whenWords
