// Command crisis-compile compiles the crisis-language rules
// (safety/rules.txt and the word tables of safety/vocab.go) into
// safety/trie.bin, which safety.NewDetector reads at start instead of
// compiling them again (safety/compiled.go). Run it from the repository
// root after any rule change: go run ./safety/cmd/crisis-compile
// (or go generate ./safety). It gives the same file every time;
// TestTrieUpToDate fails until the file is what it writes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/securebase/securebase/safety"
)

func main() {
	root := flag.String("root", ".", "the repository root")
	out := flag.String("o", "", "where to write the compiled rules (default: "+safety.TrieFile+" under -root)")
	flag.Parse()
	if *out == "" {
		*out = filepath.Join(*root, safety.TrieFile)
	}
	data, err := safety.CompileRules()
	if err == nil {
		err = os.WriteFile(*out, data, 0o600)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "crisis-compile:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d bytes\n", *out, len(data))
}
