"""Is the user busy with something a reminder should not interrupt?

One module per sign (a fullscreen window, an idle inhibitor, a call on the microphone or
camera, the desktop's Do Not Disturb, a meeting app), each an adapter with `busy()` returning
a reason ("microphone: Firefox") or None; `choose` combines those that work here into one probe.
The daemon asks only when a reminder would otherwise be shown, so none of them costs anything
while the user simply sits.
"""
