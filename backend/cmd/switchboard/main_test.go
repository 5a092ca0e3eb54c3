package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"switchboard/backend/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "switchboard")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func baseEnv(dsn, listen string) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"DATABASE_URL=" + dsn,
		"SWITCHBOARD_LISTEN=" + listen,
		"SWITCHBOARD_JWT_SECRET=0123456789abcdef0123456789abcdef",
	}
}

// A missing or invalid setting stops start-up with one line naming it.
func TestBadSettingStopsStartupWithOneLine(t *testing.T) {
	bin := buildBinary(t)
	tests := []struct {
		name string
		env  []string
		want string
	}{
		{"no database URL", []string{"SWITCHBOARD_JWT_SECRET=0123456789abcdef0123456789abcdef"}, "DATABASE_URL"},
		{"short JWT secret", []string{"DATABASE_URL=postgres://x@127.0.0.1:1/x", "SWITCHBOARD_JWT_SECRET=short"}, "SWITCHBOARD_JWT_SECRET"},
		{"bad poll interval", append(baseEnv("postgres://x@127.0.0.1:1/x", ":0"), "SWITCHBOARD_POLL_INTERVAL=often"), "SWITCHBOARD_POLL_INTERVAL"},
		{"bad registration", append(baseEnv("postgres://x@127.0.0.1:1/x", ":0"), "SWITCHBOARD_REGISTRATION=maybe"), "SWITCHBOARD_REGISTRATION"},
		{"missing nodes file", append(baseEnv(pgtest.DSN(t), "127.0.0.1:0"), "SWITCHBOARD_NODES_FILE=/nonexistent/servers.json"), "SWITCHBOARD_NODES_FILE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, "serve")
			cmd.Env = tc.env
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			if err == nil {
				t.Fatal("started despite a bad setting")
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "switchboard: "+tc.want) {
				t.Fatalf("last line %q does not start by naming %s (stderr: %s)", last, tc.want, stderr.String())
			}
		})
	}
}

// SIGTERM stops accepting, finishes requests, stops the poller, closes the
// database and exits 0.
func TestServeShutsDownGracefullyOnSIGTERM(t *testing.T) {
	bin := buildBinary(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = baseEnv(pgtest.DSN(t), addr)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("not ready in 30s: %s", stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, stderr.String())
		}
	case <-ctx.Done():
		cmd.Process.Kill()
		t.Fatal("did not stop within 25s of SIGTERM")
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Fatalf("no shutdown log: %s", stderr.String())
	}
}
