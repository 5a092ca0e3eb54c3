package config

import (
	"os"
	"strings"
	"testing"
)

// The README's configuration table must list every setting the code reads.
func TestREADMEListsEverySetting(t *testing.T) {
	data, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Settings {
		if !strings.Contains(string(data), "| `"+s.Name+"` |") {
			t.Errorf("README.md's configuration table lacks %s", s.Name)
		}
	}
}
