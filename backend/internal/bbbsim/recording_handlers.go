package bbbsim

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"

	"switchboard/backend/internal/bbb"
)

// Answers of bbb-web's recording calls: one boolean element after returncode.
type publishedXML struct {
	XMLName    xml.Name `xml:"response"`
	ReturnCode string   `xml:"returncode"`
	Published  bool     `xml:"published"`
}

type updatedXML struct {
	XMLName    xml.Name `xml:"response"`
	ReturnCode string   `xml:"returncode"`
	Updated    bool     `xml:"updated"`
}

type deletedXML struct {
	XMLName    xml.Name `xml:"response"`
	ReturnCode string   `xml:"returncode"`
	Deleted    bool     `xml:"deleted"`
}

const (
	keyMissingRecordID = "missingParamRecordID"
	msgMissingRecordID = "You must specify one or more a record IDs."
	keyMissingPublish  = "missingParamPublish"
	msgMissingPublish  = "You must specify one a publish value true or false."
	msgNoRecordingsID  = "We could not find recordings"
)

// withRecordings applies f to the recordings named by recordID; it answers
// FAILED like bbb-web when the parameter is missing or nothing matches.
func (s *Sim) withRecordings(w http.ResponseWriter, n *node, p url.Values, f func(rec *bbb.RecordingXML)) bool {
	ids := commaSet(p.Get("recordID"))
	if len(ids) == 0 {
		bbb.WriteFailed(w, keyMissingRecordID, msgMissingRecordID)
		return false
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	found := false
	for i := range n.recordings {
		if ids[n.recordings[i].RecordID] {
			found = true
			f(&n.recordings[i])
		}
	}
	if !found {
		bbb.WriteFailed(w, bbb.KeyNotFound, msgNoRecordingsID)
	}
	return found
}

func (s *Sim) apiPublishRecordings(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	publish := p.Get("publish")
	if p.Get("recordID") != "" && publish != "true" && publish != "false" {
		bbb.WriteFailed(w, keyMissingPublish, msgMissingPublish)
		return
	}
	if s.withRecordings(w, n, p, func(rec *bbb.RecordingXML) {
		rec.Published = publish == "true"
		rec.State = map[bool]string{true: "published", false: "unpublished"}[rec.Published]
	}) {
		bbb.WriteXML(w, publishedXML{ReturnCode: bbb.ReturnSuccess, Published: publish == "true"})
	}
}

func (s *Sim) apiUpdateRecordings(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	if s.withRecordings(w, n, p, func(rec *bbb.RecordingXML) {
		for k, v := range p {
			if key, ok := strings.CutPrefix(k, "meta_"); ok && len(v) > 0 {
				if rec.Metadata == nil {
					rec.Metadata = bbb.MetadataXML{}
				}
				rec.Metadata[strings.ToLower(key)] = v[0]
			}
		}
	}) {
		bbb.WriteXML(w, updatedXML{ReturnCode: bbb.ReturnSuccess, Updated: true})
	}
}

func (s *Sim) apiDeleteRecordings(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	ids := commaSet(p.Get("recordID"))
	if s.withRecordings(w, n, p, func(*bbb.RecordingXML) {}) {
		n.mu.Lock()
		kept := n.recordings[:0]
		for _, rec := range n.recordings {
			if !ids[rec.RecordID] {
				kept = append(kept, rec)
			}
		}
		n.recordings = kept
		n.mu.Unlock()
		bbb.WriteXML(w, deletedXML{ReturnCode: bbb.ReturnSuccess, Deleted: true})
	}
}
