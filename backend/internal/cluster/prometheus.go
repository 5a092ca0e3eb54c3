package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"switchboard/backend/internal/core"
)

// CPUQuery is the busy fraction per instance from node_exporter metrics.
const CPUQuery = `1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[1m]))`

// PrometheusCPU reads each node's CPU use from a Prometheus server. The
// instance label is matched to the node's name, else to the host name of
// its API URL (the instance's port ignored).
type PrometheusCPU struct {
	BaseURL string
	HTTP    *http.Client
	Query   string // default CPUQuery
}

// CPU implements CPUSource.
func (p *PrometheusCPU) CPU(ctx context.Context, nodes []*core.Node) (map[string]float64, error) {
	q := p.Query
	if q == "" {
		q = CPUQuery
	}
	u := strings.TrimRight(p.BaseURL, "/") + "/api/v1/query?query=" + url.QueryEscape(q)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := p.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("prometheus answered HTTP %d", resp.StatusCode)
	}
	var body struct {
		Status string `json:"status"`
		Data   struct {
			Result []struct {
				Metric map[string]string `json:"metric"`
				Value  [2]any            `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4<<20)).Decode(&body); err != nil {
		return nil, fmt.Errorf("prometheus answer: %w", err)
	}
	byInstance := map[string]float64{}
	for _, r := range body.Data.Result {
		s, _ := r.Value[1].(string)
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			continue
		}
		byInstance[r.Metric["instance"]] = v
		byInstance[hostOnly(r.Metric["instance"])] = v
	}
	out := map[string]float64{}
	for _, n := range nodes {
		// node_exporter's instance is usually host:9100; some setups
		// relabel it to the node's name instead.
		if v, ok := byInstance[n.Name]; ok {
			out[n.ID] = v
			continue
		}
		if u, err := url.Parse(n.APIURL); err == nil {
			if v, ok := byInstance[u.Hostname()]; ok {
				out[n.ID] = v
			}
		}
	}
	return out, nil
}

func hostOnly(instance string) string {
	if h, _, ok := strings.Cut(instance, ":"); ok {
		return h
	}
	return instance
}
