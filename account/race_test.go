package account_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/internal/testenv"
	"github.com/securebase/securebase/sqlstore"
)

// raceTrials is how many times each credential race runs per database.
// RACE_TRIALS raises it for a longer run:
// RACE_TRIALS=200 go test ./account -run TestCredentialRaces -v.
func raceTrials(t *testing.T) int {
	if s := os.Getenv("RACE_TRIALS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("RACE_TRIALS=%q: use a positive number", s)
		}
		return n
	}
	return 20
}

// storeURLs names every database the account tests can run on: SQLite
// always, PostgreSQL when TEST_POSTGRES_URL is set (each call its own
// schema). Under CI=true a missing PostgreSQL fails instead of skipping.
func storeURLs(t *testing.T) map[string]func() string {
	t.Helper()
	out := map[string]func() string{
		"sqlite": func() string { return "sqlite:" + filepath.Join(t.TempDir(), "race.db") },
	}
	base := os.Getenv("TEST_POSTGRES_URL")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but TEST_POSTGRES_URL is not set: the PostgreSQL half of the race tests must run in CI")
		}
		t.Log("TEST_POSTGRES_URL not set: PostgreSQL half of the race tests skipped")
		return out
	}
	out["postgres"] = func() string {
		u, err := testenv.Schema(base, t.Cleanup)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	return out
}

// serviceOn builds an account service over a fresh store at url, with
// cheap hashing so a race runs many rounds in a short time, and sign-in
// limits high enough that the limits never decide the outcome.
func serviceOn(t *testing.T, url string) (*account.Service, *sqlstore.DB) {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), url, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w, _ := crypt.NewWrapper(nil)
	cfg := account.DefaultConfig()
	cfg.AccountAttempts, cfg.AddressAttempts, cfg.SignUpAttempts, cfg.RecoveryAttempts = 1_000_000, 1_000_000, 1_000_000, 1_000_000
	svc := account.New(account.Deps{Users: db, Sessions: db, Limits: db,
		Hasher: crypt.NewHasher(crypt.Params{Memory: 64, Time: 1, Threads: 1}, 8), Wrapper: w,
		Policy: securebase.NewPasswordPolicy(), Clock: time.Now}, cfg)
	t.Cleanup(svc.Wait)
	return svc, db
}

// attack runs workers that repeat one attempt until stop is closed. Each
// worker reports a credential it got; ready is closed once the first
// attempt has succeeded, so the owner's change lands mid-attack.
type attack struct {
	mu      sync.Mutex
	got     []string
	ready   chan struct{} // closed at the first success
	once    sync.Once
	target  atomic.Int64 // rounds after which reached is closed; 0 = not yet set
	reached chan struct{}
	done    sync.Once
	stop    chan struct{}
	wg      sync.WaitGroup
	rounds  atomic.Int64
}

func startAttack(workers int, try func() (string, error)) *attack {
	a := &attack{ready: make(chan struct{}), reached: make(chan struct{}), stop: make(chan struct{})}
	for range workers {
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			for {
				select {
				case <-a.stop:
					return
				default:
				}
				if n, target := a.rounds.Add(1), a.target.Load(); target > 0 && n >= target {
					a.done.Do(func() { close(a.reached) })
				}
				if cred, err := try(); err == nil {
					a.mu.Lock()
					a.got = append(a.got, cred)
					a.mu.Unlock()
					a.once.Do(func() { close(a.ready) })
				}
			}
		}()
	}
	return a
}

// finish lets the attack run on after the change for as many rounds again
// as it took to get there (so attempts that read the old credentials
// before the change have every chance to land after it), then stops it.
func (a *attack) finish(after int64) []string {
	a.target.Store(after*2 + 64)
	<-a.reached
	close(a.stop)
	a.wg.Wait()
	return a.got
}

// TestCredentialRaces runs the attacks of issue 10, finding 1, as real
// concurrent races: an intruder who holds the owner's cookie keeps
// creating access tokens, or one who knows the old password keeps
// signing in, while the owner changes the password or resets it with
// the recovery key. After the change no session or token the intruder
// made may work, and none may be left in the database. Each race runs
// raceTrials times per database.
func TestCredentialRaces(t *testing.T) {
	const newPassword = "a new password only I know"
	type owner struct {
		in *account.SignedIn
		rk crypt.RecoveryKey
	}
	changes := map[string]func(ctx context.Context, svc *account.Service, name string, o owner) (*account.SignedIn, error){
		"password change": func(ctx context.Context, svc *account.Service, name string, o owner) (*account.SignedIn, error) {
			return svc.ChangePassword(ctx, o.in.Principal, pw, newPassword, "owner")
		},
		"recovery reset": func(ctx context.Context, svc *account.Service, name string, o owner) (*account.SignedIn, error) {
			return svc.Reset(ctx, name, o.rk.String(), newPassword, account.Client{Address: "192.0.2.1", Device: "owner"})
		},
	}
	attacks := map[string]func(ctx context.Context, svc *account.Service, name string, o owner) func() (string, error){
		"tokens from a stolen cookie": func(ctx context.Context, svc *account.Service, name string, o owner) func() (string, error) {
			cookie := o.in.Secret.String()
			return func() (string, error) {
				p, err := svc.Authenticate(ctx, cookie)
				if err != nil {
					return "", err
				}
				return svc.CreateToken(ctx, p, "not mine", 0)
			}
		},
		"sign-ins with the old password": func(ctx context.Context, svc *account.Service, name string, o owner) func() (string, error) {
			return func() (string, error) {
				in, err := svc.SignIn(ctx, name, pw, account.Client{Address: "203.0.113.9", Device: "not mine"})
				if err != nil {
					return "", err
				}
				return in.Secret.String(), nil
			}
		},
	}
	trials := raceTrials(t)
	for dialect, url := range storeURLs(t) {
		for changeName, change := range changes {
			for attackName, attackFn := range attacks {
				t.Run(dialect+"/"+attackName+" during a "+changeName, func(t *testing.T) {
					svc, db := serviceOn(t, url())
					ctx := context.Background()
					survivedTrials, survivors, made := 0, 0, 0
					for trial := range trials {
						name := fmt.Sprintf("owner%d", trial)
						in, rk, err := svc.SignUp(ctx, name, pw, "192.0.2.1", "owner")
						if err != nil {
							t.Fatal(err)
						}
						o := owner{in: in, rk: rk}
						a := startAttack(4, attackFn(ctx, svc, name, o))
						<-a.ready
						at := a.rounds.Load()
						fresh, err := change(ctx, svc, name, o)
						got := a.finish(at)
						if err != nil {
							t.Errorf("trial %d: %s: %v", trial, changeName, err)
							continue
						}
						made += len(got)
						alive := 0
						for _, cred := range got {
							if _, err := svc.Authenticate(ctx, cred); err == nil {
								alive++
							}
						}
						left, err := db.ListSessions(ctx, fresh.Actor, securebase.SessionBrowser)
						if err != nil {
							t.Fatal(err)
						}
						tokens, err := db.ListSessions(ctx, fresh.Actor, securebase.SessionToken)
						if err != nil {
							t.Fatal(err)
						}
						stray := len(left) + len(tokens) - 1 // the owner's fresh session stays
						if alive > 0 || stray > 0 {
							survivedTrials++
							survivors += max(alive, stray)
							t.Errorf("trial %d: after the %s, %d of the intruder's %d credentials still work and %d stray sessions or tokens are stored",
								trial, changeName, alive, len(got), stray)
						}
					}
					t.Logf("FIGURE credential race %s, %s during a %s: %d trials, %d intruder credentials made, %d trials with survivors, %d survivors",
						dialect, attackName, changeName, trials, made, survivedTrials, survivors)
				})
			}
		}
	}
}
