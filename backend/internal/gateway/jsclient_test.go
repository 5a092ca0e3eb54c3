package gateway_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBigBlueButtonJS drives the gateway with a real third-party client, the npm package
// bigbluebutton-js, through jsclient/e2e.js. Without node/npm it skips locally but fails in CI.
func TestBigBlueButtonJS(t *testing.T) {
	t.Parallel()
	node, errNode := exec.LookPath("node")
	npm, errNpm := exec.LookPath("npm")
	if errNode != nil || errNpm != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node and npm are required in CI (node: %v, npm: %v)", errNode, errNpm)
		}
		t.Skip("node/npm not installed; CI=true makes this a failure")
	}
	dir, err := filepath.Abs("jsclient")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "bigbluebutton-js")); err != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--fetch-retries=5")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm ci: %v\n%s", err, out)
		}
	}

	e := newEnv(t, envOptions{nodes: 2})
	for _, s := range []string{secret, oldSecret} { // both secrets of a rotation work for a real client
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, node, "e2e.js", e.srv.URL, s, e.sim.BaseURL())
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil || !strings.Contains(string(out), `"ok":true`) {
			t.Fatalf("node e2e.js: %v\n%s", err, out)
		}
		t.Logf("bigbluebutton-js: %s", strings.TrimSpace(string(out)))
	}
}
