/* A minimal XDND drag source, for testing drag-and-drop onto the app's window under Xvfb.
 *
 * usage: xdnd_drop WINDOW_NAME FILE...
 *
 * Waits (up to 60 s) for a top-level window whose WM_NAME starts with WINDOW_NAME and that says it
 * takes drops (XdndAware), then drops FILE... on its middle as a file manager would: XdndEnter,
 * XdndPosition, XdndStatus from the target, XdndDrop, the target converting XdndSelection to
 * text/uri-list (served from here), XdndFinished. Then it asks the window to close
 * (WM_DELETE_WINDOW), so a scripted run ends. Exit 0 once the target finished the drop; 1 with a
 * message on stderr otherwise. The protocol: https://freedesktop.org/wiki/Specifications/XDND/
 */
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

enum { kXdndVersion = 5, kWaitSeconds = 60 };

typedef struct {
  Display* display;
  Window source, target;
  Atom aware, enter, position, status, drop, finished, selection, actionCopy, uriList, wmProtocols, wmDelete;
  char uris[8192];
} Drag;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int nameStartsWith(Display* display, Window window, const char* prefix) {
  char* name = NULL;
  int match = XFetchName(display, window, &name) && name && strncmp(name, prefix, strlen(prefix)) == 0;
  if (name) XFree(name);
  return match;
}

static int isAware(Drag* d, Window window) {
  Atom type;
  int format;
  unsigned long count, after;
  unsigned char* data = NULL;
  int aware = XGetWindowProperty(d->display, window, d->aware, 0, 1, False, XA_ATOM, &type, &format, &count,
                                 &after, &data) == Success && count == 1;
  if (data) XFree(data);
  return aware;
}

/* The named, drop-aware window among the root's children (no window manager under Xvfb), or 0. */
static Window findTarget(Drag* d, const char* name) {
  Window root, parent, *children = NULL, found = 0;
  unsigned int count = 0;
  if (!XQueryTree(d->display, DefaultRootWindow(d->display), &root, &parent, &children, &count)) return 0;
  for (unsigned int i = 0; i < count && !found; ++i)
    if (nameStartsWith(d->display, children[i], name) && isAware(d, children[i])) found = children[i];
  if (children) XFree(children);
  return found;
}

static void sendClient(Drag* d, Atom type, long l1, long l2, long l3, long l4) {
  XEvent e;
  memset(&e, 0, sizeof e);
  e.xclient.type = ClientMessage;
  e.xclient.display = d->display;
  e.xclient.window = d->target;
  e.xclient.message_type = type;
  e.xclient.format = 32;
  e.xclient.data.l[0] = (long)d->source;
  e.xclient.data.l[1] = l1;
  e.xclient.data.l[2] = l2;
  e.xclient.data.l[3] = l3;
  e.xclient.data.l[4] = l4;
  XSendEvent(d->display, d->target, False, NoEventMask, &e);
  XFlush(d->display);
}

/* The target asked for the dragged data: the file URIs, one per line, as text/uri-list. */
static void serveSelection(Drag* d, const XSelectionRequestEvent* request) {
  XEvent reply;
  memset(&reply, 0, sizeof reply);
  reply.xselection.type = SelectionNotify;
  reply.xselection.requestor = request->requestor;
  reply.xselection.selection = request->selection;
  reply.xselection.target = request->target;
  reply.xselection.time = request->time;
  reply.xselection.property = None;
  if (request->target == d->uriList) {
    XChangeProperty(d->display, request->requestor, request->property, d->uriList, 8, PropModeReplace,
                    (const unsigned char*)d->uris, (int)strlen(d->uris));
    reply.xselection.property = request->property;
  }
  XSendEvent(d->display, request->requestor, False, NoEventMask, &reply);
  XFlush(d->display);
}

/* Handles events until a ClientMessage of `type` arrives (returned in *out) or time runs out. */
static int waitFor(Drag* d, Atom type, XEvent* out, double seconds) {
  const double until = now() + seconds;
  while (now() < until) {
    while (XPending(d->display)) {
      XEvent e;
      XNextEvent(d->display, &e);
      if (e.type == SelectionRequest) serveSelection(d, &e.xselectionrequest);
      if (e.type == ClientMessage && e.xclient.message_type == type) {
        *out = e;
        return 1;
      }
    }
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(ConnectionNumber(d->display), &fds);
    struct timeval tick = {0, 50000};
    select(ConnectionNumber(d->display) + 1, &fds, NULL, NULL, &tick);
  }
  return 0;
}

static int fail(const char* message) {
  fprintf(stderr, "xdnd_drop: %s\n", message);
  return 1;
}

/* "file://" + the absolute path, with bytes outside the unreserved set percent-encoded. */
static void appendUri(char* out, size_t size, const char* file) {
  char absolute[4096];
  if (!realpath(file, absolute)) snprintf(absolute, sizeof absolute, "%s", file);
  size_t n = strlen(out);
  n += (size_t)snprintf(out + n, size - n, "file://");
  for (const unsigned char* c = (const unsigned char*)absolute; *c && n + 4 < size; ++c) {
    if (strchr("/-_.~", *c) || (*c >= '0' && *c <= '9') || ((*c | 32) >= 'a' && (*c | 32) <= 'z'))
      out[n++] = (char)*c;
    else
      n += (size_t)snprintf(out + n, size - n, "%%%02X", *c);
  }
  snprintf(out + n, size - n, "\r\n");
}

static void internAtoms(Drag* d) {
  Display* x = d->display;
  d->aware = XInternAtom(x, "XdndAware", False);
  d->enter = XInternAtom(x, "XdndEnter", False);
  d->position = XInternAtom(x, "XdndPosition", False);
  d->status = XInternAtom(x, "XdndStatus", False);
  d->drop = XInternAtom(x, "XdndDrop", False);
  d->finished = XInternAtom(x, "XdndFinished", False);
  d->selection = XInternAtom(x, "XdndSelection", False);
  d->actionCopy = XInternAtom(x, "XdndActionCopy", False);
  d->uriList = XInternAtom(x, "text/uri-list", False);
  d->wmProtocols = XInternAtom(x, "WM_PROTOCOLS", False);
  d->wmDelete = XInternAtom(x, "WM_DELETE_WINDOW", False);
}

/* Asks the window to close, as its close button would. */
static void closeTarget(Drag* d) {
  XEvent e;
  memset(&e, 0, sizeof e);
  e.xclient.type = ClientMessage;
  e.xclient.window = d->target;
  e.xclient.message_type = d->wmProtocols;
  e.xclient.format = 32;
  e.xclient.data.l[0] = (long)d->wmDelete;
  e.xclient.data.l[1] = CurrentTime;
  XSendEvent(d->display, d->target, False, NoEventMask, &e);
  XFlush(d->display);
}

static int dragAndDrop(Drag* d) {
  XWindowAttributes attributes;
  XGetWindowAttributes(d->display, d->target, &attributes);
  int x = 0, y = 0;
  Window child;
  XTranslateCoordinates(d->display, d->target, DefaultRootWindow(d->display), attributes.width / 2,
                        attributes.height / 2, &x, &y, &child);
  XSetSelectionOwner(d->display, d->selection, d->source, CurrentTime);
  sendClient(d, d->enter, (long)kXdndVersion << 24, (long)d->uriList, None, None);
  sendClient(d, d->position, 0, ((long)x << 16) | y, CurrentTime, (long)d->actionCopy);
  XEvent reply;
  if (!waitFor(d, d->status, &reply, 10)) return fail("the window sent no XdndStatus after XdndPosition");
  if (!(reply.xclient.data.l[1] & 1)) return fail("the window refused the drop (XdndStatus without accept)");
  sendClient(d, d->drop, 0, CurrentTime, 0, 0);
  if (!waitFor(d, d->finished, &reply, 30)) return fail("the window did not finish the drop (no XdndFinished)");
  printf("xdnd_drop: dropped on window 0x%lx at (%d, %d): %s", (unsigned long)d->target, x, y, d->uris);
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 3) return fail("usage: xdnd_drop WINDOW_NAME FILE...");
  Drag d;
  memset(&d, 0, sizeof d);
  d.display = XOpenDisplay(NULL);
  if (!d.display) return fail("cannot open the X display ($DISPLAY)");
  internAtoms(&d);
  for (int i = 2; i < argc; ++i) appendUri(d.uris, sizeof d.uris, argv[i]);
  d.source = XCreateSimpleWindow(d.display, DefaultRootWindow(d.display), 0, 0, 1, 1, 0, 0, 0);
  const double until = now() + kWaitSeconds;
  while (!(d.target = findTarget(&d, argv[1])) && now() < until) usleep(100000);
  if (!d.target) return fail("no drop-aware window with that name appeared");
  const int result = dragAndDrop(&d);
  usleep(500000); /* the app opens the file in its next frame; then it may close */
  closeTarget(&d);
  XCloseDisplay(d.display);
  return result;
}
