package model

// ErrorType is the error_type of a Memset API error body, e.g.
// "ApiErrorBadParameters".
type ErrorType string

// The error types memset-order knows. Memset's full error table was not
// found (memset-api.md gap 4): the codes and statuses of the inferred ones
// live in ErrorTypes below, the one place to correct them.
const (
	// ErrorBadParameters: a parameter is missing, malformed or not allowed. Documented.
	ErrorBadParameters ErrorType = "ApiErrorBadParameters"
	// ErrorDoesNotExist: the named thing (service, invoice, job, method, discount code) does not exist. Documented.
	ErrorDoesNotExist ErrorType = "ApiErrorDoesNotExist"
	// ErrorAlreadyInProgress: the operation is already under way. Documented.
	ErrorAlreadyInProgress ErrorType = "ApiErrorAlreadyInProgress"
	// ErrorNotUnique: a name that must be unique is already taken (a
	// Memstore or OpenStack user name; the sandbox also uses it for an
	// OpenStack project name). Documented.
	ErrorNotUnique ErrorType = "ApiErrorNotUnique"
	// ErrorAuthentication: no API key, or a key Memset does not know. Inferred name.
	ErrorAuthentication ErrorType = "ApiErrorAuthenticationFailed"
	// ErrorThrottled: too many requests or failed logins. Inferred name.
	ErrorThrottled ErrorType = "ApiErrorThrottled"
	// ErrorPaymentMethod: the account's payment method cannot pay for this order. Inferred name.
	ErrorPaymentMethod ErrorType = "ApiErrorPaymentMethod"
	// ErrorInternal: Memset's side failed. Inferred name.
	ErrorInternal ErrorType = "ApiErrorInternal"
)

// ErrorTypeInfo is what is known of one error type.
type ErrorTypeInfo struct {
	Type   ErrorType
	Code   int // the error_code number (XML-RPC: the faultCode)
	Status int // the HTTP status it comes with on the JSON interface
	Source Source
	// Why says, for what is not documented, what the code and the status
	// were inferred from.
	Why string
}

// ClientStatuses are the only HTTP error statuses real Memset clients are
// seen to handle (memset-api.md §1.6, client-seen): an older Ansible
// module_utils/memset.py fails on 400, 403, 404 and 412 ("the human made an
// error") and on 500 and 503 ("Memset's API isn't happy"), and takes every
// other status, 402 or 409 or 429 alike, for success. community.general's
// memset.py and dns-lexicon's provider fail on any error status but read
// nothing from the status itself. Every Status in ErrorTypes is one of
// these. (XML-RPC and JSON-RPC carry their errors in an HTTP 200 answer:
// Python's xmlrpclib, and jsonrpclib on top of it, read no body otherwise.)
var ClientStatuses = []int{400, 403, 404, 412, 500, 503}

// ErrorTypes lists the error types with their codes and HTTP statuses.
// Only ApiErrorDoesNotExist (3, 404) is documented in full; every other
// code and status is inferred, and Why says from what.
var ErrorTypes = []ErrorTypeInfo{
	{ErrorDoesNotExist, 3, 404, SourceDocumented, ""},
	{ErrorBadParameters, 2, 400, SourceInferred,
		"name documented; code 2 guessed; 400 is the status clients file under the human's error, and it also answers requests refused whole (a wrong HTTP verb, an oversized or late body, an unsupported Content-Type), where 405, 408, 413, 414 or 415 would read as success to the older Ansible client"},
	{ErrorAlreadyInProgress, 6, 412, SourceInferred,
		"name documented (service.cancel on a service already pending cancellation); code 6 guessed; 412 Precondition Failed rather than 409, which no client handles: the request is sound but the service's state forbids it"},
	{ErrorNotUnique, 5, 400, SourceInferred,
		"name documented (memstore.user, openstack.user); code 5 guessed; 400 because it refuses one parameter's value, named at the start of the message as for ApiErrorBadParameters"},
	{ErrorAuthentication, 4, 403, SourceClientSeen,
		"code 4 seen as an XML-RPC faultCode for a bad key; name inferred; 403 is the status clients file under the human's error"},
	{ErrorThrottled, 12, 403, SourceClientSeen,
		"code 12 seen as an XML-RPC faultCode after about ten failed logins; name inferred; 403 rather than 429, which no client handles: the refusal follows failed logins (fault 4, 403) and lasts while they count, and 403 makes the older Ansible client show the body that says so, where 503 would make it print only \"Internal server error\"; Retry-After says how long"},
	{ErrorPaymentMethod, 7, 412, SourceInferred,
		"code 7 guessed; 412 Precondition Failed rather than 402, which the older Ansible client takes for success: the order is sound but the account's default payment method cannot pay for it"},
	{ErrorInternal, 1, 500, SourceInferred,
		"code 1 guessed; 500 as clients expect for Memset's own failures"},
}

// LookupErrorType returns what is known of t.
func LookupErrorType(t ErrorType) (ErrorTypeInfo, bool) {
	for _, e := range ErrorTypes {
		if e.Type == t {
			return e, true
		}
	}
	return ErrorTypeInfo{}, false
}
