// Command bbbsim serves N simulated BigBlueButton nodes from one process (see package bbbsim).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"switchboard/backend/internal/bbbsim"
)

func main() {
	nodes := flag.Int("nodes", 2, "number of simulated nodes (served under /n/1 .. /n/N)")
	listen := flag.String("listen", "127.0.0.1:9000", "listen address")
	secret := flag.String("secret", bbbsim.DefaultSecret, "shared secret of every node")
	publicURL := flag.String("public-url", "", "base URL clients and browsers use (default http://<listen>)")
	nodesFile := flag.String("nodes-file", "", "if set, write a tinyscale servers.json for SWITCHBOARD_NODES_FILE here")
	capacity := flag.Int("capacity", 100, "capacity written to -nodes-file for each node")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.LUTC)

	if *nodes < 1 {
		log.Fatalf("bbbsim: -nodes must be at least 1")
	}
	if *publicURL == "" {
		*publicURL = "http://" + reachable(*listen)
	}
	sim := bbbsim.New(bbbsim.Options{Nodes: *nodes, Secret: *secret, PublicURL: *publicURL})
	if _, err := sim.Start(*listen); err != nil {
		log.Fatalf("bbbsim: listen %s: %v", *listen, err)
	}
	for i := 1; i <= *nodes; i++ {
		log.Printf("bbbsim: node %d at %s", i, sim.NodeAPIURL(i))
	}
	log.Printf("bbbsim: %d nodes listening on %s, secret %q, control API at %s/control/nodes", *nodes, *listen, *secret, sim.BaseURL())
	if *nodesFile != "" {
		if err := writeNodesFile(*nodesFile, sim, *capacity); err != nil {
			log.Fatalf("bbbsim: write %s: %v", *nodesFile, err)
		}
		log.Printf("bbbsim: wrote %s", *nodesFile)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	log.Printf("bbbsim: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := sim.Shutdown(sctx); err != nil {
		sim.Close()
	}
}

// reachable turns a wildcard listen address (":9000", "0.0.0.0:9000") into one a client can dial.
func reachable(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

type serverEntry struct {
	Host     string `json:"host"`
	Secret   string `json:"secret"`
	Name     string `json:"name"`
	Capacity int    `json:"capacity"`
}

// writeNodesFile writes atomically (temp file + rename) so a reader never sees half a file.
func writeNodesFile(path string, sim *bbbsim.Sim, capacity int) error {
	entries := make([]serverEntry, sim.Nodes())
	for i := range entries {
		entries[i] = serverEntry{Host: sim.NodeAPIURL(i + 1), Secret: sim.Secret(), Name: fmt.Sprintf("sim-%d", i+1), Capacity: capacity}
	}
	data, err := json.MarshalIndent(entries, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+strings.TrimPrefix(filepath.Base(path), ".")+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
