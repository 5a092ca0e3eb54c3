package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"switchboard/backend/internal/core"
)

// FileNode is one entry of a tinyscale-style servers.json.
type FileNode struct {
	Host     string `json:"host"`
	Secret   string `json:"secret"`
	Name     string `json:"name"`
	Capacity int    `json:"capacity"`
}

// LoadNodesFile reads and checks a servers.json file.
func LoadNodesFile(path string) ([]FileNode, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("SWITCHBOARD_NODES_FILE: %w", err)
	}
	var entries []FileNode
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("SWITCHBOARD_NODES_FILE %s: not a JSON list of {host, secret}: %v", path, err)
	}
	for i, e := range entries {
		if e.Host == "" || e.Secret == "" {
			return nil, fmt.Errorf("SWITCHBOARD_NODES_FILE %s: entry %d needs host and secret", path, i+1)
		}
		if _, err := NormalizeAPIURL(e.Host); err != nil {
			return nil, fmt.Errorf("SWITCHBOARD_NODES_FILE %s: entry %d host %q %v", path, i+1, e.Host, err)
		}
	}
	return entries, nil
}

// Seed creates the nodes of the file that do not exist yet (matched by API
// URL). Existing nodes get the file's secret, so rotating a secret in the
// file takes effect on restart; their name, capacity and state stay as
// admins set them.
func (a *Admin) Seed(ctx context.Context, entries []FileNode) error {
	existing, err := a.Nodes.ListNodes(ctx)
	if err != nil {
		return err
	}
	byURL := map[string]*core.Node{}
	for _, n := range existing {
		byURL[n.APIURL] = n
	}
	for _, e := range entries {
		apiURL, _ := NormalizeAPIURL(e.Host)
		if n, ok := byURL[apiURL]; ok {
			if n.Secret != e.Secret {
				n.Secret = e.Secret
				if err := a.Nodes.UpdateNode(ctx, n); err != nil {
					return fmt.Errorf("seed node %s: %w", apiURL, err)
				}
			}
			continue
		}
		in := NodeInput{APIURL: &apiURL, Secret: &e.Secret}
		if e.Name != "" {
			in.Name = &e.Name
		}
		if e.Capacity > 0 {
			in.Capacity = &e.Capacity
		}
		if _, err := a.Create(ctx, in); err != nil {
			return fmt.Errorf("seed node %s: %w", apiURL, err)
		}
	}
	return nil
}
