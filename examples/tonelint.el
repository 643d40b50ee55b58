;;; tonelint.el --- Check the tone of a reply before Emacs sends it  -*- lexical-binding: t; -*-

;; Licence: MIT OR Apache-2.0, like tonelint.

;;; Commentary:

;; A `message-send-hook' function for message-mode (and so Gnus, mu4e and notmuch-emacs):
;; before a message is sent, the buffer is piped to `tonelint check'; when tonelint finds
;; something at or above its `--fail-on' level (default: warning), the findings are shown in
;; the *tonelint* buffer and the send is aborted with an error.  The draft stays in its buffer:
;; edit it and send again.
;;
;;   (load "/path/to/tonelint/examples/tonelint.el")
;;   (add-hook 'message-send-hook #'tonelint-check-message)
;;
;; To send anyway: set TONELINT_SKIP=1 in Emacs's environment
;; (M-x setenv RET TONELINT_SKIP RET 1 RET), or bind `tonelint-skip' to t.
;; If tonelint cannot run or fails (a bad tonelint.toml, say), the send is aborted too, with
;; tonelint's own message: nothing leaves unchecked unless you ask for it.
;;
;; The whole buffer is checked, headers included: tonelint reads an Emacs message buffer
;; (`--text follows this line--', MML tags) as an email, lints the Subject and the body, and
;; never flags quoted text ("X writes:", "> " lines) or the signature.  Line numbers in
;; *tonelint* are line numbers of the message buffer.

;;; Code:

(require 'subr-x)

(defgroup tonelint nil
  "Check the tone of a message before sending it."
  :group 'message
  :prefix "tonelint-")

(defcustom tonelint-program "tonelint"
  "The tonelint executable.
A name found on variable `exec-path', or an absolute file name."
  :type 'string)

(defcustom tonelint-arguments
  '("check" "--color" "never" "--stdin-filename" "draft.eml" "-")
  "Arguments for `tonelint-program'; the message is given on stdin.
Keep `--stdin-filename' with a `.eml' name (so the buffer is read as an email)
and the final \"-\".  Add options before \"-\", e.g. \"--fail-on\" \"error\",
\"--config\" \"~/.config/tonelint.toml\", or \"--format\" \"concise\"."
  :type '(repeat string))

(defcustom tonelint-buffer-name "*tonelint*"
  "Name of the buffer showing tonelint's findings."
  :type 'string)

(defvar tonelint-skip nil
  "When non-nil, `tonelint-check-message' does nothing (like TONELINT_SKIP=1).")

(defun tonelint--skip-p ()
  "Return non-nil when checking is off.
That is when `tonelint-skip' is non-nil, or TONELINT_SKIP is set and not 0."
  (or tonelint-skip
      (let ((v (getenv "TONELINT_SKIP")))
        (and v (not (member (downcase (string-trim v)) '("" "0" "false" "no" "off")))))))

(defun tonelint--message-text ()
  "Return the message buffer's text.
Its header separator is spelled the way tonelint reads it."
  (let ((text (buffer-substring-no-properties (point-min) (point-max)))
        (separator (and (boundp 'mail-header-separator) mail-header-separator)))
    (if (and separator (not (string= separator "--text follows this line--")))
        (replace-regexp-in-string
         (concat "^" (regexp-quote separator) "$") "--text follows this line--" text t t)
      text)))

(defun tonelint--run (text output)
  "Pipe TEXT to tonelint, its output into buffer OUTPUT; return the exit status."
  (with-temp-buffer
    (insert text)
    (let ((coding-system-for-write 'utf-8-unix)
          (coding-system-for-read 'utf-8)
          (inhibit-read-only t)
          (process-environment (cons "NO_COLOR=1" process-environment)))
      (apply #'call-process-region (point-min) (point-max)
             tonelint-program nil (list output t) nil tonelint-arguments))))

;;;###autoload
(defun tonelint-check-message ()
  "Check the message being sent with tonelint; abort the send on problems.
For `message-send-hook'.  Findings at or above tonelint's `--fail-on' level
are shown in `tonelint-buffer-name' and the send stops with an error.
TONELINT_SKIP=1 in the environment, or `tonelint-skip', sends without checking."
  (unless (tonelint--skip-p)
    (let ((text (tonelint--message-text))
          (output (get-buffer-create tonelint-buffer-name))
          status)
      (with-current-buffer output
        (let ((inhibit-read-only t))
          (erase-buffer)))
      (setq status
            (condition-case err
                (tonelint--run text output)
              (error
               (error "tonelint: cannot run %s (%s); not sent.  Set TONELINT_SKIP=1 to send without checking"
                      tonelint-program (error-message-string err)))))
      (cond
       ((eql status 0) nil)
       ((eql status 1)
        (with-current-buffer output
          (goto-char (point-min))
          (special-mode))
        (display-buffer output)
        (error "tonelint: the message was NOT sent: see %s; edit it, or set TONELINT_SKIP=1 to send it anyway"
               tonelint-buffer-name))
       (t
        (display-buffer output)
        (error "tonelint: could not check the message (exit %s): %s; not sent.  Set TONELINT_SKIP=1 to send without checking"
               status
               (with-current-buffer output
                 (string-trim (buffer-substring-no-properties
                               (point-min)
                               (save-excursion (goto-char (point-min)) (line-end-position)))))))))))

(provide 'tonelint)
;;; tonelint.el ends here
