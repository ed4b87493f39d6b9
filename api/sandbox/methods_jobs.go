package sandbox

import (
	"github.com/memset-order/memset-order/model"
)

// jobJSON is job.status's answer, also the job inside a real order's answer.
// service appears once the service exists (documented).
type jobJSON struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Status   string `json:"status"`
	Service  string `json:"service,omitempty"`
	Finished bool   `json:"finished"`
	Error    bool   `json:"error"`
}

func toJobJSON(j model.Job) *jobJSON {
	return &jobJSON{ID: j.ID, Type: j.Type, Status: j.Status, Service: j.Service, Finished: j.Finished, Error: j.Error}
}

// jobStatus answers job.status(id[, name]): name, when given, limits the
// search to the jobs of that service (documented).
func (s *Sandbox) jobStatus(c *call) (any, *apiError) {
	if err := c.allow("id", "name"); err != nil {
		return nil, err
	}
	id, err := c.required("id")
	if err != nil {
		return nil, err
	}
	if !model.ValidJobID(id) {
		return nil, badParam("id", "%s is not a job id; send its 32 lower-case hex digits.", echo(id))
	}
	name, named := c.params["name"]
	if named && !model.ValidServiceName(name) {
		return nil, badParam("name", "%s is not a service name (1 to 64 letters, digits, '-', '.' or '_').", echo(name))
	}
	j, ok := s.findJob(id)
	if !ok {
		return nil, notFound("Couldn't find job with id '%s'", id)
	}
	// The job belongs to its service from the order on, not only once the
	// service is ready and job.status shows its name.
	if named && j.service != name {
		return nil, notFound("Couldn't find job with id '%s' for service '%s'", id, name)
	}
	return toJobJSON(j.view(c.now, s.stageDur)), nil
}
