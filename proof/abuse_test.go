package proof_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/proof"
)

// TestWrongPasswordFloodAcrossInstances: two real instances share one
// PostgreSQL; 200 wrong passwords for one account arrive within 60 s,
// spread over both instances and over 200 client addresses (a botnet), 20
// at a time. The account's count holds across instances: AccountAttempts
// are checked (401), then browsers the account has not seen sign in slow
// to one check per AccountBackoff (one more 401), and the rest are
// refused before any hashing (429). The flood locks nobody out (issue 10,
// finding 3): the owner's own browser signs in at once during it, and so
// does a reset with the recovery key from anywhere; only a browser the
// account has never seen waits for the next backoff step.
func TestWrongPasswordFloodAcrossInstances(t *testing.T) {
	dbURL := proof.PostgresURL(t)
	bin := binary(t)
	var procs []*proof.Proc
	for range 2 {
		p, err := proof.Start(bin, "-database", dbURL, "-trust-proxy")
		if err != nil {
			t.Fatal(err)
		}
		defer p.Stop()
		procs = append(procs, p)
	}
	victim := proof.NewAgent(proof.Loopback(), procs[0].URL)
	if err := victim.SignUp("flooded", "the right password is long"); err != nil {
		t.Fatal(err)
	}
	const attempts, parallel = 200, 20
	limit := account.DefaultConfig().AccountAttempts
	statuses := map[int]int{}
	var refused []time.Duration
	var mu sync.Mutex
	var wg sync.WaitGroup
	jobs := make(chan int)
	start := time.Now()
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				a := proof.NewAgent(proof.Loopback(), procs[i%2].URL)
				a.Header.Set("X-Forwarded-For", fmt.Sprintf("198.18.%d.%d", i/250, i%250+1))
				t0 := time.Now()
				res, err := a.Do(proof.Form("POST", "/signin", url.Values{"username": {"flooded"}, "password": {fmt.Sprintf("wrong guess %03d", i)}}))
				d := time.Since(t0)
				if err != nil {
					t.Error(err)
					continue
				}
				mu.Lock()
				statuses[res.Status]++
				if res.Status == http.StatusTooManyRequests {
					refused = append(refused, d)
				}
				mu.Unlock()
			}
		}()
	}
	for i := range attempts {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	if elapsed > 60*time.Second {
		t.Fatalf("200 attempts took %v, more than the 60 s the harness promises", elapsed)
	}
	// Admitted: AccountAttempts, and one more per backoff step (the flood
	// is over in less than one). An admitted attempt is hashed (401), or,
	// since one account gets one hash at a time, may wait its turn past
	// HashWait on a slow machine and hear "busy" (503) instead.
	checked := limit + 1
	admitted := statuses[http.StatusUnauthorized] + statuses[http.StatusServiceUnavailable]
	if admitted != checked || statuses[http.StatusTooManyRequests] != attempts-checked || len(statuses) > 3 {
		t.Fatalf("statuses %v: want exactly %d admitted (401, or 503 when their turn to hash came too late) and %d refused (429)", statuses, checked, attempts-checked)
	}
	for _, p := range procs {
		// A browser the account has never seen waits for the next step.
		a := proof.NewAgent(proof.Loopback(), p.URL)
		a.Header.Set("X-Forwarded-For", "192.0.2.200")
		if res, _ := a.Do(proof.Form("POST", "/signin", url.Values{"username": {"flooded"}, "password": {"the right password is long"}})); res == nil || res.Status != http.StatusTooManyRequests {
			t.Fatalf("the right password from a browser never seen, in the same backoff step: %v", res)
		}
		// The owner's own browser is not slowed by the flood.
		owner := victim.Clone()
		owner.Base = p.URL
		if err := owner.SignIn("flooded", "the right password is long"); err != nil {
			t.Fatalf("the owner's browser during the flood, on %s: %v", p.URL, err)
		}
	}
	// Nor is a reset with the recovery key, from anywhere.
	rescue := proof.NewAgent(proof.Loopback(), procs[1].URL)
	rescue.Header.Set("X-Forwarded-For", "198.18.0.7") // one of the flood's own addresses
	if _, err := rescue.Must(proof.Form("POST", "/reset", url.Values{"username": {"flooded"}, "recovery_key": {victim.User.RecoveryKey},
		"password": {"a new password after the flood"}}), http.StatusSeeOther); err != nil {
		t.Fatalf("a reset with the recovery key during the flood: %v", err)
	}
	sort.Slice(refused, func(i, j int) bool { return refused[i] < refused[j] })
	t.Logf("FIGURE abuse: %d wrong passwords in %v over 2 instances on one PostgreSQL and %d addresses: %d checked (401), %d admitted but busy (503), %d refused before hashing (429, p50 %v, p99 %v); the owner's browser signed in during it on both instances, and a recovery-key reset worked from one of the flood's addresses",
		attempts, elapsed.Round(time.Millisecond), attempts, statuses[401], statuses[503], statuses[429],
		refused[len(refused)/2].Round(time.Microsecond), refused[len(refused)*99/100].Round(time.Microsecond))
}

// TestConcurrentSignIns: 20 people sign in at the same moment on the real
// binary with the default argon2id cost (19 MiB, t=2) and hashing slots.
// All succeed; the p99 and the process's peak memory are reported.
func TestConcurrentSignIns(t *testing.T) {
	const people = 20
	bin := binary(t)
	var env []string
	if v := os.Getenv("PROOF_SIGNIN_ENV"); v != "" {
		env = strings.Fields(v)
	}
	args := []string{"-database", "sqlite:" + t.TempDir() + "/signin.db"}
	if v := os.Getenv("PROOF_SIGNIN_ARGS"); v != "" {
		args = append(args, strings.Fields(v)...)
	}
	p, err := proof.StartEnv(env, bin, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	for i := range people {
		a := proof.NewAgent(proof.Loopback(), p.URL)
		if err := a.SignUp(fmt.Sprintf("person%02d", i), fmt.Sprintf("person %02d walks by the sea", i)); err != nil {
			t.Fatal(err)
		}
	}
	before, err := p.Mem()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var took []time.Duration
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := proof.NewAgent(proof.Loopback(), p.URL)
			<-gate
			t0 := time.Now()
			err := a.SignIn(fmt.Sprintf("person%02d", i), fmt.Sprintf("person %02d walks by the sea", i))
			d := time.Since(t0)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			took = append(took, d)
			mu.Unlock()
		}()
	}
	close(gate)
	wg.Wait()
	after, err := p.Mem()
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	t.Logf("FIGURE sign-ins: %d concurrent correct sign-ins (argon2id 19 MiB, t=2): p50 %v, p99 %v; RSS %.1f MB before, peak %.1f MB (budget: under 100 MB at peak)",
		people, took[len(took)/2].Round(time.Millisecond), took[len(took)*99/100].Round(time.Millisecond),
		float64(before.RSS)/(1<<20), float64(after.Peak)/(1<<20))
	// The budget (100 MB) is reported, not enforced, on a shared machine;
	// 200 MB means hashing is no longer bounded (20 × 19 MiB at once).
	if after.Peak > 200<<20 {
		t.Errorf("peak RSS %.1f MB: concurrent password hashing is not bounded", float64(after.Peak)/(1<<20))
	} else if after.Peak > 100<<20 {
		t.Logf("OVER BUDGET: peak RSS %.1f MB > 100 MB (GOMEMLIMIT=70MiB keeps it near 83 MB; see docs/testing.md)", float64(after.Peak)/(1<<20))
	}
}
