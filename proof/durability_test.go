package proof_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/sqlstore"
)

// envInt reads a positive integer from the environment, or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// TestKillDurabilitySQLite: 16 writers save check-ins with ids they choose
// while the real server, on SQLite with synchronous=FULL, is killed with
// SIGKILL at random moments (PROOF_KILLS times, at least 20) and
// restarted. Every write the server acknowledged must be there afterwards,
// with its text; a write whose answer was lost is retried with the same id
// and stored once; the database passes integrity_check after every crash.
func TestKillDurabilitySQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "durable.db")
	integrity := func() error {
		db, err := sqlstore.Open(context.Background(), "sqlite:"+path, sqlstore.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		return db.IntegrityCheck(context.Background())
	}
	killDurability(t, "sqlite:"+path, integrity)
}

// TestKillDurabilityPostgres is the same with the server on PostgreSQL.
func TestKillDurabilityPostgres(t *testing.T) {
	url := proof.PostgresURL(t)
	integrity := func() error {
		db, err := sqlstore.Open(context.Background(), url, sqlstore.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		return db.IntegrityCheck(context.Background())
	}
	killDurability(t, url, integrity)
}

func killDurability(t *testing.T, dbURL string, integrity func() error) {
	const writers = 16
	kills := max(envInt("PROOF_KILLS", 20), 20)
	bin := binary(t)
	p, err := proof.Start(bin, "-database", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	owner := proof.NewAgent(proof.Loopback(), p.URL)
	if err := owner.SignUp("durable", "acknowledged means kept"); err != nil {
		t.Fatal(err)
	}
	token, err := owner.NewToken("writers")
	if err != nil {
		t.Fatal(err)
	}

	var base atomic.Value // the current server's URL; it moves on every restart
	base.Store(p.URL)
	var (
		mu      sync.Mutex
		acked   = map[string]string{} // id → note, for every 200/201 received
		replays int                   // acknowledgements of a retried id
		stop    atomic.Bool
		wg      sync.WaitGroup
	)
	client := &http.Transport{MaxIdleConnsPerHost: writers, ResponseHeaderTimeout: 15 * time.Second}
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := proof.NewAgent(client, "")
			a.Token = token
			for n := 0; !stop.Load(); n++ {
				id := fmt.Sprintf("w%02d-%06d", w, n)
				note := "durable write " + id
				for tries := 0; !stop.Load(); tries++ {
					a.Base = base.Load().(string)
					res, err := a.Do(proof.JSON("POST", "/api/v1/checkins", map[string]any{"id": id, "distress": n % 11, "note": note}))
					if err == nil && (res.Status == http.StatusCreated || res.Status == http.StatusOK) {
						mu.Lock()
						acked[id] = note
						if tries > 0 && res.Status == http.StatusOK {
							replays++
						}
						mu.Unlock()
						break
					}
					if err == nil && res.Status != http.StatusServiceUnavailable {
						t.Errorf("write %s: status %d: %s", id, res.Status, res)
						return
					}
					time.Sleep(5 * time.Millisecond) // the server is down: retry the same id
				}
			}
		}()
	}

	var up time.Duration
	var startups []time.Duration
	for i := range kills {
		alive := time.Duration(20+rand.IntN(380)) * time.Millisecond
		time.Sleep(alive)
		up += alive
		if err := p.Kill(); err != nil {
			t.Fatal(err)
		}
		if err := integrity(); err != nil {
			t.Fatalf("after kill %d: %v", i+1, err)
		}
		if p, err = proof.Start(bin, "-database", dbURL); err != nil {
			t.Fatalf("restart after kill %d: %v", i+1, err)
		}
		startups = append(startups, p.StartUp)
		base.Store(p.URL)
	}
	time.Sleep(200 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	defer p.Stop()

	// Every acknowledged write is there, once, with its text.
	final := proof.NewAgent(proof.Loopback(), p.URL).WithToken(token)
	res, err := final.Must(proof.Get("/api/v1/export"), http.StatusOK)
	if err != nil {
		t.Fatal(err)
	}
	var x struct {
		Entries []struct {
			ID   string `json:"id"`
			Data struct {
				Note string `json:"note"`
			} `json:"data"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(res.Body, &x); err != nil {
		t.Fatal(err)
	}
	stored := map[string]string{}
	for _, e := range x.Entries {
		if _, dup := stored[e.ID]; dup {
			t.Errorf("id %s stored twice", e.ID)
		}
		stored[e.ID] = e.Data.Note
	}
	lost := 0
	for id, note := range acked {
		if stored[id] != note {
			lost++
			if lost <= 5 {
				t.Errorf("acknowledged write %s is lost (stored: %q)", id, stored[id])
			}
		}
	}
	if err := integrity(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(startups)
	median, slowest := startups[len(startups)/2], startups[len(startups)-1]
	dialect := "sqlite"
	if dbURL[:8] == "postgres" {
		dialect = "postgres"
	}
	t.Logf("FIGURE durability %s: %d writers, %d SIGKILLs, %d acknowledged writes, %d lost, %d stored (%d acknowledged only on a retry after a crash), %.0f acknowledged writes/s while up, restart median %v, max %v",
		dialect, writers, kills, len(acked), lost, len(stored), replays, float64(len(acked))/up.Seconds(), median.Round(time.Millisecond), slowest.Round(time.Millisecond))
	if len(acked) < kills {
		t.Fatalf("only %d writes were acknowledged: the harness proved little", len(acked))
	}
}
