package proof_test

import (
	"os/exec"
	"testing"

	"github.com/securebase/securebase/proof"
)

// binary returns the securebase binary, built once for the package.
func binary(t testing.TB) string {
	t.Helper()
	bin, err := proof.Binary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// runTool runs a command-line tool and returns its combined output.
func runTool(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).CombinedOutput()
	return string(out), err
}
