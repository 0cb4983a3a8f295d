package safety

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"
)

// TestItalyIsNotFirstAtNight is the case: Italy's only line
// answers 9:00–24:00, so at 03:00 in Rome it is closed and comes last,
// and at 10:00 it is open.
func TestItalyIsNotFirstAtNight(t *testing.T) {
	it, _ := loadTestDirectory(t).Country("IT")
	rome, err := time.LoadLocation(it.Zones[0])
	if err != nil {
		t.Fatal(err)
	}
	for hour, open := range map[int]bool{3: false, 8: false, 9: true, 10: true, 23: true, 0: false} {
		got := Arrange(it.Lines, time.Date(2026, 12, 2, hour, 30, 0, 0, rome))
		if got[0].OpenNow != open {
			t.Errorf("Italy at %02d:30: open = %v, want %v", hour, got[0].OpenNow, open)
		}
	}
}

func TestArrangeOrder(t *testing.T) {
	lines := []Line{
		{Name: "limited", Cost: CostFree, Open: []Window{{From: "16:00", To: "21:00"}, {MonthDay: 10, From: "08:00", To: "24:00"}}},
		{Name: "charged", Cost: CostCharged},
		{Name: "free", Cost: CostFree},
		{Name: "unknown", Cost: CostUnknown},
	}
	names := func(ls []LineNow) string {
		var out []string
		for _, l := range ls {
			s := l.Name
			if !l.OpenNow {
				s += "(closed)"
			}
			out = append(out, s)
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC), "free charged unknown limited(closed)"},
		{time.Date(2026, 12, 2, 17, 0, 0, 0, time.UTC), "free charged unknown limited"},
		{time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC), "free charged unknown limited"},
		{time.Date(2026, 12, 11, 9, 0, 0, 0, time.UTC), "free charged unknown limited(closed)"},
	} {
		if got := names(Arrange(lines, c.at)); got != c.want {
			t.Errorf("at %v: %s, want %s", c.at, got, c.want)
		}
	}
}

// TestEveryCountryFreeAlwaysOpenFirst: wherever a country has a free line
// that answers day and night, it is first at every hour of a week.
func TestEveryCountryFreeAlwaysOpenFirst(t *testing.T) {
	for _, c := range loadTestDirectory(t).Countries() {
		loc, err := time.LoadLocation(c.Zones[0])
		if err != nil {
			t.Fatalf("%s: zone %s: %v", c.Code, c.Zones[0], err)
		}
		hasFree := false
		for _, l := range c.Lines {
			hasFree = hasFree || l.Free() && l.AlwaysOpen()
		}
		for h := 0; h < 24*7; h++ {
			at := time.Date(2026, 12, 7, 0, 0, 0, 0, loc).Add(time.Duration(h) * time.Hour)
			got := Arrange(c.Lines, at)
			if hasFree && !(got[0].Free() && got[0].AlwaysOpen()) {
				t.Fatalf("%s at %v: first line %q is not free and always open", c.Code, at, got[0].Name)
			}
			for i := 1; i < len(got); i++ {
				if got[i].rank() < got[i-1].rank() {
					t.Fatalf("%s at %v: %q before %q", c.Code, at, got[i-1].Name, got[i].Name)
				}
			}
		}
	}
}

func TestWindowValidation(t *testing.T) {
	for _, w := range []Window{{From: "9:00", To: "12:00"}, {From: "10:00", To: "09:00"}, {From: "10:00", To: "24:01"},
		{From: "aa:00", To: "12:00"}, {From: "10:00", To: "12:60"}, {MonthDay: 32, From: "10:00", To: "12:00"}} {
		if w.validate() == nil {
			t.Errorf("%+v accepted", w)
		}
	}
	if err := (Window{From: "00:00", To: "24:00"}).validate(); err != nil {
		t.Errorf("a whole day refused: %v", err)
	}
}

// TestZonesBelongToTheirCountry checks every zone against the system's
// IANA zone table, where the machine has one.
func TestZonesBelongToTheirCountry(t *testing.T) {
	f, err := os.Open("/usr/share/zoneinfo/zone.tab")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and no zone table to check against: %v", err)
		}
		t.Skipf("no /usr/share/zoneinfo/zone.tab (apt-get install tzdata): %v", err)
	}
	defer f.Close()
	owner := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fs := strings.Split(sc.Text(), "\t"); len(fs) >= 3 && !strings.HasPrefix(fs[0], "#") {
			owner[fs[2]] = fs[0]
		}
	}
	for _, c := range loadTestDirectory(t).Countries() {
		if _, err := time.LoadLocation(c.Zones[0]); err != nil {
			t.Errorf("%s: first zone %s does not load: %v", c.Code, c.Zones[0], err)
		}
		if owner[c.Zones[0]] != c.Code {
			t.Errorf("%s: first zone %s belongs to %q in zone.tab", c.Code, c.Zones[0], owner[c.Zones[0]])
		}
		for _, z := range c.Zones {
			if o, ok := owner[z]; ok && o != c.Code {
				t.Errorf("%s: zone %s belongs to %s", c.Code, z, o)
			}
		}
	}
}

func TestAbuseServices(t *testing.T) {
	d := loadTestDirectory(t)
	n := 0
	for _, c := range d.Countries() {
		if len(c.Abuse) > 0 {
			n++
			if HumanDate(c.AbuseChecked) == c.AbuseChecked {
				t.Errorf("%s: abuse_checked %q is not a date", c.Code, c.AbuseChecked)
			}
		}
	}
	gb, _ := d.Country("GB")
	if len(gb.Abuse) == 0 || gb.Abuse[0].Phone != "0808 2000 247" {
		t.Errorf("GB abuse services: %+v", gb.Abuse)
	}
	if n < 16 {
		t.Errorf("%d countries with domestic-abuse services, want at least 16", n)
	}
	t.Logf("FIGURE %d of %d countries have domestic-abuse services", n, len(d.Countries()))
	if got := HumanDate("2026-11-21"); got != "21 November 2026" {
		t.Errorf("HumanDate = %q", got)
	}
}
