#include "solo5-notes.h"
SOLO5_NOTES(TARGET_XEN, 0)
