package web

import (
	"strings"
	"testing"
)

// Fuzz targets for the safety net's parsers of user input: a country
// code from a form or the API, and the Accept-Language header.

func FuzzCountryParam(f *testing.F) {
	for _, s := range []string{"GB", "gb", " Nz ", "GBR", "", "ÅÄ", "g\x00", "12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, ok := countryParam(s)
		if !ok {
			return
		}
		if len(code) != 2 || strings.ToUpper(code) != code || strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			t.Fatalf("countryParam(%q) = %q", s, code)
		}
		if again, ok := countryParam(code); !ok || again != code {
			t.Fatalf("countryParam is not stable on %q", code)
		}
	})
}

func FuzzLanguageRegions(f *testing.F) {
	for _, s := range []string{"en-GB,en;q=0.9", "fr-CA, fr;q=0.8, en-US;q=0.5", "", "*", "zh-Hant-TW", strings.Repeat("en-GB,", 100), "de-\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		regions := languageRegions(h)
		if len(regions) > 8 {
			t.Fatalf("%d regions from %q", len(regions), h)
		}
		for _, r := range regions {
			if code, ok := countryParam(r); !ok || code != r {
				t.Fatalf("region %q from %q is not a country code", r, h)
			}
		}
	})
}

func TestLanguageRegions(t *testing.T) {
	if got := strings.Join(languageRegions("en-GB,en;q=0.9, fr-CA;q=0.5,pt-br"), " "); got != "GB CA BR" {
		t.Errorf("languageRegions = %q", got)
	}
}
