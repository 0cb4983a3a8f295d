package proof

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

var (
	buildMu  sync.Mutex
	buildDir string
	built    = map[string]string{} // package → binary
)

// Binary returns the path of a securebase binary: $SECUREBASE_BIN when
// set, else one built from this module (once per process, CGO_ENABLED=0,
// as it ships). RemoveBinary deletes what was built.
func Binary() (string, error) {
	if p := os.Getenv("SECUREBASE_BIN"); p != "" {
		return p, nil
	}
	return Build("github.com/securebase/securebase/cmd/securebase")
}

// Build compiles a main package of this module once per process into a
// temporary directory and returns the binary's path.
func Build(pkg string) (string, error) {
	buildMu.Lock()
	defer buildMu.Unlock()
	if p, ok := built[pkg]; ok {
		return p, nil
	}
	if buildDir == "" {
		dir, err := os.MkdirTemp("", "securebase-proof-")
		if err != nil {
			return "", err
		}
		buildDir = dir
	}
	out := filepath.Join(buildDir, filepath.Base(pkg))
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go tool is needed to build %s: %w", pkg, err)
	}
	cmd := exec.Command(goTool, "build", "-o", out, pkg) // #nosec G204 -- the module's own packages
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %w\n%s", pkg, err, msg)
	}
	built[pkg] = out
	return out, nil
}

// RemoveBinary deletes the binaries Build made.
func RemoveBinary() {
	buildMu.Lock()
	defer buildMu.Unlock()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
		buildDir, built = "", map[string]string{}
	}
}

// Proc is a securebase server running as its own process.
type Proc struct {
	Cmd     *exec.Cmd
	URL     string        // http://127.0.0.1:PORT
	Logs    *Buffer       // stderr: the structured log
	StartUp time.Duration // from exec to the "running" line, listeners bound and migrations done
	done    chan error
	exited  bool
	exitErr error
}

var runningRE = regexp.MustCompile(`Open (http://\S+) in your browser`)

// Start runs the binary with "serve" and args (a free loopback port
// unless args give -addr) and waits until it accepts connections.
func Start(bin string, args ...string) (*Proc, error) { return StartEnv(nil, bin, args...) }

// StartEnv is Start with extra environment variables (GOMEMLIMIT=…).
func StartEnv(env []string, bin string, args ...string) (*Proc, error) {
	full := []string{"serve"}
	if !contains(args, "-addr") {
		full = append(full, "-addr", "127.0.0.1:0")
	}
	if !contains(args, "-signup-limit") {
		// Harnesses make many accounts from loopback on purpose.
		full = append(full, "-signup-limit", "1000000")
	}
	return Launch(env, bin, append(full, args...)...)
}

// Launch runs any program that prints "Open http://ADDR in your browser."
// once it listens (securebase, proof/cmd/hello), with exactly args.
func Launch(env []string, bin string, args ...string) (*Proc, error) {
	cmd := exec.Command(bin, args...) // #nosec G204 -- the harness runs the binaries it built
	cmd.Env = append(cleanEnv(), env...)
	p := &Proc{Cmd: cmd, Logs: &Buffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.Logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		sent := false
		for sc.Scan() {
			if m := runningRE.FindStringSubmatch(sc.Text()); m != nil && !sent {
				url <- m[1]
				sent = true
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
		p.done <- cmd.Wait()
	}()
	select {
	case u := <-url:
		p.URL, p.StartUp = u, time.Since(start)
		return p, nil
	case err := <-p.done:
		p.exited, p.exitErr = true, err
		return nil, fmt.Errorf("securebase exited before serving (%v):\n%s", err, p.Logs.String())
	case <-time.After(60 * time.Second):
		_ = p.Kill()
		return nil, fmt.Errorf("securebase did not start within 60s:\n%s", p.Logs.String())
	}
}

func contains(args []string, flag string) bool {
	for _, a := range args {
		if a == flag || strings.HasPrefix(a, flag+"=") {
			return true
		}
	}
	return false
}

// cleanEnv is this process's environment without SECUREBASE_* settings,
// so only the harness's flags configure the server.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SECUREBASE_") {
			env = append(env, kv)
		}
	}
	return env
}

// Kill sends SIGKILL and waits for the process to be gone.
func (p *Proc) Kill() error {
	if p.exited {
		return nil
	}
	if err := p.Cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	p.exitErr, p.exited = <-p.done, true
	return nil
}

// Stop sends SIGTERM, waits up to 20 s for a graceful exit, and kills
// the process if it has not exited by then. It returns the exit error of
// a graceful stop.
func (p *Proc) Stop() error {
	if p.exited {
		return p.exitErr
	}
	if err := p.Cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case err := <-p.done:
		p.exited, p.exitErr = true, err
		return err
	case <-time.After(20 * time.Second):
		_ = p.Kill()
		return errors.New("securebase did not stop within 20s of SIGTERM")
	}
}

// Memory is a process's resident memory, in bytes.
type Memory struct {
	RSS  int64 // now (VmRSS)
	Peak int64 // the most it has held (VmHWM)
}

// Mem reads the process's memory from /proc.
func (p *Proc) Mem() (Memory, error) { return ProcMem(p.Cmd.Process.Pid) }

// ProcMem reads a process's resident memory from /proc/PID/status.
func ProcMem(pid int) (Memory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)) // #nosec G304 -- a /proc path built from a pid
	if err != nil {
		return Memory{}, err
	}
	var m Memory
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			m.RSS = kb << 10
		case "VmHWM:":
			m.Peak = kb << 10
		}
	}
	return m, nil
}

// Run runs the binary with a subcommand to completion and returns its
// combined output.
func Run(ctx context.Context, bin string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, bin, args...) // #nosec G204 -- the harness runs the binary it built
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	return string(out), err
}
