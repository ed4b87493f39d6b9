package ui

// awaitingPaymentNote is what the following screen says while the job
// waits for the order's invoice to be paid. invoice is the invoice's ref
// (0 when it is not known, as when a job is followed by its id alone).
func (e *env) awaitingPaymentNote(invoice int) string {
	inv := "the job's invoice"
	if invoice != 0 {
		inv = "invoice " + itoa(invoice)
	}
	return "Awaiting payment: pay " + inv + " in the Memset control panel; the job starts once it is paid."
}
