package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"switchboard/backend/internal/bbbsim"
)

func TestReachable(t *testing.T) {
	tests := map[string]string{":9000": "localhost:9000", "0.0.0.0:80": "localhost:80", "127.0.0.1:9000": "127.0.0.1:9000", "[::]:1": "localhost:1"}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := reachable(in); got != want {
				t.Fatalf("reachable(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestWriteNodesFile(t *testing.T) {
	sim := bbbsim.New(bbbsim.Options{Nodes: 2, Secret: "s", PublicURL: "http://sim:9000"})
	path := filepath.Join(t.TempDir(), "servers.json")
	if err := writeNodesFile(path, sim, 42); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	var got []serverEntry
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	want := serverEntry{Host: "http://sim:9000/n/2/bigbluebutton/api", Secret: "s", Name: "sim-2", Capacity: 42}
	if len(got) != 2 || got[1] != want {
		t.Fatalf("got %+v", got)
	}
}
