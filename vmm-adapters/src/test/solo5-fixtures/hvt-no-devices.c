#include "solo5-notes.h"
SOLO5_NOTES(TARGET_HVT, 0)
