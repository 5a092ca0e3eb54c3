package bbbsim

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// A sliver of Prometheus's HTTP API, so Switchboard's CPU signal can be
// tested against the simulator: GET /prometheus/api/v1/query answers an
// instant vector with one sample per node, labelled instance="sim-{i}", whatever
// the query (real setups ask for node_exporter's CPU busy fraction).
func (s *Sim) prometheusRoutes() {
	s.mux.HandleFunc("GET /prometheus/api/v1/query", s.promQuery)
}

type promSample struct {
	Metric map[string]string `json:"metric"`
	Value  [2]any            `json:"value"`
}

func (s *Sim) promQuery(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("query") == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"status": "error", "errorType": "bad_data", "error": "missing query"})
		return
	}
	now := float64(time.Now().UnixMilli()) / 1000
	result := make([]promSample, 0, len(s.nodes))
	for i := 1; i <= len(s.nodes); i++ {
		v, _ := s.CPU(i)
		result = append(result, promSample{
			Metric: map[string]string{"instance": fmt.Sprintf("sim-%d", i)},
			Value:  [2]any{now, strconv.FormatFloat(v, 'f', -1, 64)},
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "success", "data": map[string]any{"resultType": "vector", "result": result}})
}
