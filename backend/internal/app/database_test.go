package app_test

import (
	"context"
	"os"
	"testing"
	"time"

	"switchboard/backend/internal/core"
	"switchboard/backend/internal/pgcluster"
	"switchboard/backend/internal/postgres"
)

// With the database down, /readyz and API calls answer 503 with a clear
// error; when it comes back, everything works again without a restart.
func TestDatabaseDownAndBack(t *testing.T) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "sb-dbdown-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := pgcluster.Options{Dir: dir + "/pg", Ephemeral: true}
	cl, err := pgcluster.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cl.Stop() })
	if err := cl.CreateDatabase(ctx, "switchboard"); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, harnessOpts{nodes: 1, dsn: cl.DSN("switchboard")})
	token := h.register("Teacher")
	h.createRoom(token, "Before", nil)

	if err := cl.Stop(); err != nil {
		t.Fatal(err)
	}
	r := h.do("GET", "/readyz", "", nil)
	if r.status != 503 || r.errorCode(t) != core.EUnavailable {
		t.Fatalf("readyz with the database down: %d %s", r.status, r.body)
	}
	r = h.do("GET", "/api/v1/rooms", token, nil)
	if r.status != 503 || r.errorCode(t) != core.EUnavailable {
		t.Fatalf("API with the database down: %d %s", r.status, r.body)
	}
	h.mustStatus(h.do("GET", "/healthz", "", nil), 200)

	opts.Port = cl.Port
	cl2, err := pgcluster.Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cl2.Stop() })
	deadline := time.Now().Add(15 * time.Second)
	for {
		r = h.do("GET", "/api/v1/rooms", token, nil)
		if r.status == 200 || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if r.status != 200 || len(r.list(t)) != 1 {
		t.Fatalf("after the database came back: %d %s", r.status, r.body)
	}
	h.mustStatus(h.do("GET", "/readyz", "", nil), 200)
}

// Exactly one replica polls at a time: the advisory lock decides.
func TestPollerLeadershipIsExclusive(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	ctx := context.Background()
	other, err := postgres.Open(h.app.Config.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	a := postgres.NewLeader(h.app.DB, postgres.PollerLockKey)
	b := postgres.NewLeader(other, postgres.PollerLockKey)
	if ok, err := a.TryAcquire(ctx); !ok || err != nil {
		t.Fatalf("first replica: %v %v", ok, err)
	}
	if ok, err := b.TryAcquire(ctx); ok || err != nil {
		t.Fatalf("second replica got the lock too: %v %v", ok, err)
	}
	if ok, _ := a.TryAcquire(ctx); !ok {
		t.Fatal("leader lost its lock")
	}
	a.Release()
	if ok, err := b.TryAcquire(ctx); !ok || err != nil {
		t.Fatalf("second replica after release: %v %v", ok, err)
	}
	b.Release()
}
